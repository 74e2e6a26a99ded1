//! Gossip of DAG transactions between nodes: the notification protocol
//! `/<genesis hex>/itc-dag/1`.
//!
//! A message is a SCALE `Vec<Vec<u8>>` of at most [`MAX_TXS_PER_MESSAGE`] encoded
//! transactions (at most [`MAX_MESSAGE_SIZE`] bytes). A node forwards each transaction it
//! inserts to every peer not known to have it, once. Peers lose reputation for undecodable
//! messages and invalid transactions, and gain a little for new valid ones; sc-network bans
//! a peer whose reputation falls too low.
//!
//! Like the transactions protocol, it has no peer slots of its own: every peer the node syncs
//! with is added to the protocol's reserved set (and removed when it disconnects), which opens
//! the substreams.

use super::state::{DagShared, Outcome, Source};
use codec::{Decode, Encode};
use futures::{channel::mpsc::Receiver, FutureExt, Stream, StreamExt};
use itc_dag::tx::{DagTx, TxId, MAX_TX_SIZE};
use itc_runtime::{opaque::Block, AccountId, Balance};
use pallet_dag_accounts::runtime_api::DagAccountsApi;
use sc_network::{
	config::{NonReservedPeerMode, SetConfig},
	multiaddr::{Multiaddr, Protocol},
	peer_store::PeerStoreProvider,
	service::traits::{NotificationEvent, NotificationService, ValidationResult},
	NetworkBackend, NetworkPeers, NotificationMetrics, PeerId, ProtocolName, ReputationChange,
};
use sc_network_sync::SyncEvent;
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use std::{
	collections::{HashMap, HashSet},
	pin::Pin,
	sync::Arc,
};

/// The most transactions in one message.
pub const MAX_TXS_PER_MESSAGE: usize = 1_024;
/// The largest message.
pub const MAX_MESSAGE_SIZE: u64 = (MAX_TXS_PER_MESSAGE * (MAX_TX_SIZE + 4) + 8) as u64;
/// Batches of locally submitted ids waiting for the gossip task (RPC submitters wait while
/// it is full).
pub const LOCAL_QUEUE: usize = 256;
/// Transaction ids remembered per peer (then forgotten, oldest half first).
const KNOWN_PER_PEER: usize = 65_536;

mod rep {
	use super::ReputationChange as Rep;
	/// A message that does not decode, or has too many transactions.
	pub const BAD_MESSAGE: Rep = Rep::new(-(1 << 12), "DAG: bad message");
	/// A transaction that is invalid on its own (signature, work, timestamp, shape).
	pub const INVALID_TX: Rep = Rep::new(-(1 << 10), "DAG: invalid transaction");
	/// A new valid transaction.
	pub const GOOD_TX: Rep = Rep::new(1 << 2, "DAG: new transaction");
}

/// The protocol's name for the chain of `genesis`.
pub fn protocol_name(genesis: &[u8; 32]) -> ProtocolName {
	let hex: String = genesis.iter().map(|b| format!("{b:02x}")).collect();
	format!("/{hex}/itc-dag/1").into()
}

/// The protocol's configuration and its notification service.
pub fn config<N: NetworkBackend<Block, <Block as sp_runtime::traits::Block>::Hash>>(
	genesis: &[u8; 32],
	metrics: NotificationMetrics,
	peer_store: Arc<dyn PeerStoreProvider>,
) -> (N::NotificationProtocolConfig, Box<dyn NotificationService>) {
	N::notification_config(
		protocol_name(genesis),
		Vec::new(),
		MAX_MESSAGE_SIZE,
		None,
		SetConfig {
			in_peers: 0,
			out_peers: 0,
			reserved_nodes: Vec::new(),
			non_reserved_mode: NonReservedPeerMode::Deny,
		},
		metrics,
		peer_store,
	)
}

/// What each connected peer is known to have.
#[derive(Default)]
struct Known(HashSet<TxId>);

impl Known {
	fn insert(&mut self, id: TxId) -> bool {
		if self.0.len() >= KNOWN_PER_PEER {
			self.0.clear();
		}
		self.0.insert(id)
	}
}

/// The gossip task: takes peers' messages into the DAG and forwards what is new.
pub struct Gossip<C> {
	client: Arc<C>,
	dag: DagShared,
	network: Arc<dyn NetworkPeers + Send + Sync>,
	service: Box<dyn NotificationService>,
	protocol: ProtocolName,
	sync_events: futures::stream::Fuse<Pin<Box<dyn Stream<Item = SyncEvent> + Send>>>,
	local: Receiver<Vec<TxId>>,
	peers: HashMap<PeerId, Known>,
}

impl<C> Gossip<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: DagAccountsApi<Block, AccountId, Balance>,
{
	/// A gossip task; `sync_events` tells which peers the node syncs with, `local` brings the
	/// ids of transactions submitted over RPC.
	pub fn new(
		client: Arc<C>,
		dag: DagShared,
		network: Arc<dyn NetworkPeers + Send + Sync>,
		service: Box<dyn NotificationService>,
		sync_events: Pin<Box<dyn Stream<Item = SyncEvent> + Send>>,
		local: Receiver<Vec<TxId>>,
	) -> Self {
		let protocol = protocol_name(&dag.genesis());
		let sync_events = sync_events.fuse();
		Self { client, dag, network, service, protocol, sync_events, local, peers: HashMap::new() }
	}

	/// Runs until the network or the RPC side closes.
	pub async fn run(mut self) {
		loop {
			futures::select! {
				event = self.service.next_event().fuse() => match event {
					Some(event) => self.on_event(event),
					None => return,
				},
				ids = self.local.next() => match ids {
					Some(ids) => self.forward(&ids, None),
					None => return,
				},
				event = self.sync_events.next() => match event {
					Some(event) => self.on_sync_event(event),
					None => return,
				},
			}
		}
	}

	fn on_sync_event(&mut self, event: SyncEvent) {
		let result = match event {
			SyncEvent::PeerConnected { peer_id, .. } => {
				let address: Multiaddr = std::iter::once(Protocol::P2p(peer_id.into())).collect();
				self.network.add_peers_to_reserved_set(
					self.protocol.clone(),
					std::iter::once(address).collect(),
				)
			},
			SyncEvent::PeerDisconnected(peer_id) => {
				self.network.remove_peers_from_reserved_set(self.protocol.clone(), vec![peer_id])
			},
		};
		if let Err(e) = result {
			log::warn!(target: "dag", "DAG gossip peer set: {e}");
		}
	}

	fn on_event(&mut self, event: NotificationEvent) {
		match event {
			NotificationEvent::ValidateInboundSubstream { result_tx, .. } => {
				let _ = result_tx.send(ValidationResult::Accept);
			},
			NotificationEvent::NotificationStreamOpened { peer, .. } => {
				self.peers.insert(peer, Known::default());
			},
			NotificationEvent::NotificationStreamClosed { peer } => {
				self.peers.remove(&peer);
			},
			NotificationEvent::NotificationReceived { peer, notification } => {
				self.on_message(peer, &notification);
			},
		}
	}

	fn on_message(&mut self, peer: PeerId, message: &[u8]) {
		let Some(txs) = decode_message(message) else {
			self.network.report_peer(peer, rep::BAD_MESSAGE);
			return;
		};
		let outcomes = self.dag.ingest(&*self.client, txs, Source::Peer);
		let mut new = Vec::new();
		for outcome in outcomes {
			match outcome {
				Outcome::Accepted { id, orphan } => {
					if let Some(known) = self.peers.get_mut(&peer) {
						known.insert(id);
					}
					self.network.report_peer(peer, rep::GOOD_TX);
					if !orphan {
						new.push(id);
					}
				},
				Outcome::Conflict { id, .. } => new.push(id),
				Outcome::Duplicate { id } | Outcome::Refused { id, .. } => {
					if let Some(known) = self.peers.get_mut(&peer) {
						known.insert(id);
					}
				},
				Outcome::Invalid(_) => self.network.report_peer(peer, rep::INVALID_TX),
			}
		}
		self.forward(&new, Some(peer));
	}

	/// Sends the transactions `ids` to every peer not known to have them (`from` has them).
	fn forward(&mut self, ids: &[TxId], from: Option<PeerId>) {
		if ids.is_empty() {
			return;
		}
		let encoded = self.dag.encoded(ids);
		for (peer, known) in self.peers.iter_mut() {
			if Some(*peer) == from {
				continue;
			}
			let fresh: Vec<&Vec<u8>> =
				encoded.iter().filter(|(id, _)| known.insert(*id)).map(|(_, tx)| tx).collect();
			for chunk in fresh.chunks(MAX_TXS_PER_MESSAGE) {
				self.service.send_sync_notification(peer, chunk.to_vec().encode());
			}
		}
	}
}

/// The transactions of a message; `None` if it does not decode, holds too many, or holds a
/// transaction that does not decode exactly.
pub fn decode_message(message: &[u8]) -> Option<Vec<DagTx>> {
	let mut input = message;
	let count = codec::Compact::<u32>::decode(&mut input).ok()?.0 as usize;
	if count > MAX_TXS_PER_MESSAGE {
		return None;
	}
	let mut txs = Vec::with_capacity(count);
	for _ in 0..count {
		let bytes = Vec::<u8>::decode(&mut input).ok()?;
		txs.push(DagTx::decode_exact(&bytes)?);
	}
	input.is_empty().then_some(txs)
}
