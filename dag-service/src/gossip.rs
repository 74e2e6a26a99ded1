//! Gossip of DAG transactions between nodes: the notification protocol
//! `/<genesis hex>/itc-dag/1`.
//!
//! Messages are [`itc_dag::wire`]'s: transactions, and wants. A node forwards each
//! transaction it inserts to every peer not known to have it, once. When a peer's transactions
//! leave orphans, the node asks that peer for what they wait for (a parent, or the sender's
//! previous transaction), at most once per [`WANT_RETRY_MS`] per item; the answers may leave
//! new orphans further back, which are asked for in turn, so a node that missed transactions
//! (a restart, a partition) catches up on the history its peers still hold. A peer's wants
//! are answered up to [`WANTS_PER_SECOND`] a second; the rest are dropped (it asks again).
//! Peers lose reputation for undecodable messages and invalid transactions, and gain a little
//! for new valid ones; sc-network bans a peer whose reputation falls too low.
//!
//! What peers relay passes the graph rules only: it is never refused for its age or its
//! sender's chain status (docs/DAG.md).
//!
//! Like the transactions protocol, it has no peer slots of its own: every peer the node syncs
//! with is added to the protocol's reserved set (and removed when it disconnects), which opens
//! the substreams.

use crate::{
	chain::DagChain,
	files::Peers,
	limit::PerPeer,
	state::{now_ms, DagShared, Outcome, Source},
};
use futures::{channel::mpsc::Receiver, FutureExt, Stream, StreamExt};
use itc_dag::{
	tx::TxId,
	wire::{self, Message, MAX_MESSAGE_SIZE, MAX_TXS_PER_MESSAGE, MAX_WANTS_PER_MESSAGE},
	Missing,
};
use sc_network::{
	config::{NonReservedPeerMode, SetConfig},
	multiaddr::{Multiaddr, Protocol},
	peer_store::PeerStoreProvider,
	service::traits::{NotificationEvent, NotificationService, ValidationResult},
	NetworkBackend, NetworkPeers, NotificationMetrics, PeerId, ProtocolName, ReputationChange,
};
use sc_network_sync::SyncEvent;
use sp_runtime::traits::Block as BlockT;
use std::{
	collections::{HashMap, HashSet},
	pin::Pin,
	sync::Arc,
};

/// How long before the same thing is asked for again, in ms.
pub const WANT_RETRY_MS: u64 = 5_000;
/// Wants answered per peer and second (a want is one missing item; a full want message is
/// [`MAX_WANTS_PER_MESSAGE`]).
pub const WANTS_PER_SECOND: u32 = 2 * MAX_WANTS_PER_MESSAGE as u32;
/// Batches of locally submitted ids waiting for the gossip task (RPC submitters wait while
/// it is full).
pub const LOCAL_QUEUE: usize = 256;
/// Transaction ids remembered per peer (then all forgotten at once: at worst a peer is sent
/// a transaction it has, which it counts as a duplicate).
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
pub fn config<B: BlockT, N: NetworkBackend<B, B::Hash>>(
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
pub struct Gossip<B, Ch> {
	chain: Arc<Ch>,
	dag: DagShared,
	network: Arc<dyn NetworkPeers + Send + Sync>,
	service: Box<dyn NotificationService>,
	protocol: ProtocolName,
	sync_events: futures::stream::Fuse<Pin<Box<dyn Stream<Item = SyncEvent> + Send>>>,
	local: Receiver<Vec<TxId>>,
	peers: HashMap<PeerId, Known>,
	/// The same peers, shared with the batch file fetcher.
	shared_peers: Peers,
	/// What was asked for, and when (ms).
	asked: HashMap<Missing, u64>,
	/// Wants answered per peer.
	wants: PerPeer,
	_block: std::marker::PhantomData<B>,
}

impl<B: BlockT, Ch: DagChain<B>> Gossip<B, Ch> {
	/// A gossip task; `sync_events` tells which peers the node syncs with, `local` brings the
	/// ids of transactions submitted over RPC; the peers with open substreams are kept in
	/// `shared_peers`.
	pub fn new(
		chain: Arc<Ch>,
		dag: DagShared,
		network: Arc<dyn NetworkPeers + Send + Sync>,
		service: Box<dyn NotificationService>,
		sync_events: Pin<Box<dyn Stream<Item = SyncEvent> + Send>>,
		local: Receiver<Vec<TxId>>,
		shared_peers: Peers,
	) -> Self {
		let protocol = protocol_name(&dag.genesis());
		let sync_events = sync_events.fuse();
		Self {
			chain,
			dag,
			network,
			service,
			protocol,
			sync_events,
			local,
			peers: HashMap::new(),
			shared_peers,
			asked: HashMap::new(),
			wants: PerPeer::new(WANTS_PER_SECOND, 1_000),
			_block: Default::default(),
		}
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
					Some(ids) => self.forward(&ids),
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
				self.shared_peers.add(peer);
				// A new peer (or one back from a restart) gets our tips: what it lacks below
				// them it asks for, so it catches up without waiting for new transactions.
				let tips = self.dag.tips();
				self.forward_to(peer, &tips);
			},
			NotificationEvent::NotificationStreamClosed { peer } => {
				self.peers.remove(&peer);
				self.shared_peers.remove(&peer);
				self.wants.forget(&peer);
			},
			NotificationEvent::NotificationReceived { peer, notification } => {
				self.on_message(peer, &notification);
			},
		}
	}

	fn on_message(&mut self, peer: PeerId, message: &[u8]) {
		match wire::decode(message) {
			Some(Message::Txs(txs)) => self.on_txs(peer, txs),
			Some(Message::Want(wants)) => self.on_want(peer, &wants),
			None => self.network.report_peer(peer, rep::BAD_MESSAGE),
		}
	}

	fn on_txs(&mut self, peer: PeerId, txs: Vec<itc_dag::DagTx>) {
		let ingested = self.dag.ingest(&*self.chain, txs, Source::Peer);
		let mut orphans = false;
		for outcome in ingested.outcomes {
			let id = match outcome {
				Outcome::Accepted { id, orphan } => {
					self.network.report_peer(peer, rep::GOOD_TX);
					orphans |= orphan;
					id
				},
				Outcome::Conflict { id, .. }
				| Outcome::Duplicate { id }
				| Outcome::Refused { id, .. } => id,
				Outcome::Invalid(_) => {
					self.network.report_peer(peer, rep::INVALID_TX);
					continue;
				},
			};
			if let Some(known) = self.peers.get_mut(&peer) {
				known.insert(id);
			}
		}
		// Everything the graph gained goes on, the orphans this released included (`peer`
		// is known to have what it sent).
		self.forward(&ingested.added);
		// Released orphans may now wait for something further back: ask again whenever any
		// orphan remains.
		if orphans || self.dag.orphans() > 0 {
			self.ask(peer);
		}
	}

	/// Asks `peer` for what the orphans wait for and was not asked for lately.
	fn ask(&mut self, peer: PeerId) {
		let now = now_ms();
		self.asked.retain(|_, at| now.saturating_sub(*at) < WANT_RETRY_MS);
		let wanted: Vec<Missing> =
			self.dag.missing().into_iter().filter(|m| !self.asked.contains_key(m)).collect();
		for chunk in wanted.chunks(MAX_WANTS_PER_MESSAGE) {
			self.asked.extend(chunk.iter().map(|m| (*m, now)));
			self.service.send_sync_notification(&peer, wire::want(chunk));
		}
	}

	/// Answers a want with the transactions this node holds, within the peer's allowance.
	fn on_want(&mut self, peer: PeerId, wants: &[Missing]) {
		let granted = self.wants.take(peer, wants.len() as u32, now_ms()) as usize;
		if granted < wants.len() {
			if let Some(metrics) = self.dag.metrics() {
				metrics.wants_limited.inc_by((wants.len() - granted) as u64);
			}
		}
		if granted == 0 {
			return;
		}
		let found = self.dag.find(&wants[..granted]);
		if let Some(known) = self.peers.get_mut(&peer) {
			for (id, _) in &found {
				known.insert(*id);
			}
		}
		for chunk in found.chunks(MAX_TXS_PER_MESSAGE) {
			self.service.send_sync_notification(&peer, wire::txs(chunk.iter().map(|(_, tx)| tx)));
		}
	}

	/// Sends the transactions `ids` to `peer`, those it is not known to have.
	fn forward_to(&mut self, peer: PeerId, ids: &[TxId]) {
		let encoded = self.dag.encoded(ids);
		if let Some(known) = self.peers.get_mut(&peer) {
			send_fresh(&mut *self.service, &peer, known, &encoded);
		}
	}

	/// Sends the transactions `ids` to every peer not known to have them.
	fn forward(&mut self, ids: &[TxId]) {
		if ids.is_empty() {
			return;
		}
		let encoded = self.dag.encoded(ids);
		for (peer, known) in self.peers.iter_mut() {
			send_fresh(&mut *self.service, peer, known, &encoded);
		}
	}
}

/// Sends `peer` the transactions of `encoded` it is not known to have, in messages of at most
/// [`MAX_TXS_PER_MESSAGE`].
fn send_fresh(
	service: &mut dyn NotificationService,
	peer: &PeerId,
	known: &mut Known,
	encoded: &[(TxId, Vec<u8>)],
) {
	let fresh: Vec<&Vec<u8>> =
		encoded.iter().filter(|(id, _)| known.insert(*id)).map(|(_, tx)| tx).collect();
	for chunk in fresh.chunks(MAX_TXS_PER_MESSAGE) {
		service.send_sync_notification(peer, wire::txs(chunk.iter().copied()));
	}
}
