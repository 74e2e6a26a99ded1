//! Batch files from peers: the request-response protocol `/<genesis hex>/itc-dag-files/1`.
//!
//! A request is an anchored epoch (u32 LE) and its batch file's CID (text, at most
//! [`MAX_CID_LENGTH`] bytes); the answer is the file's bytes, or a refusal. A node serves only
//! the files of anchors final on its chain, from its own store: it is no proxy to anything
//! else. A node that needs a batch file its own store lacks (an anchor it did not cut, or a
//! proof asked of it) asks its peers in turn and keeps the first answer whose bytes are the
//! CID's content ([`ContentStore::matches`]), in its own store. Each peer may ask
//! [`SERVED_PER_MINUTE`] files a minute; more are refused.

use crate::{
	chain::DagChain, content::ContentStore, limit::PerPeer, metrics::Metrics, state::now_ms, Error,
};
use futures::StreamExt;
use itc_dag::batch::Batch;
use itc_primitives::anchor::MAX_CID_LENGTH;
use sc_network::{
	config::{IncomingRequest, OutgoingResponse},
	request_responses::IfDisconnected,
	service::traits::NetworkRequest,
	NetworkBackend, PeerId, ProtocolName,
};
use sp_runtime::traits::Block as BlockT;
use std::{
	sync::{Arc, Mutex},
	time::Duration,
};

/// The largest answer: a batch of the most transactions, each of the largest size.
pub const MAX_FILE_SIZE: u64 = 32 * 1024 * 1024;
/// How long a peer has to answer.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(20);
/// Files each peer may ask for in a minute.
pub const SERVED_PER_MINUTE: u32 = 30;
/// Requests waiting to be served.
const INBOUND_QUEUE: usize = 32;

/// The protocol's name for the chain of `genesis`.
pub fn protocol_name(genesis: &[u8; 32]) -> ProtocolName {
	let hex: String = genesis.iter().map(|b| format!("{b:02x}")).collect();
	format!("/{hex}/itc-dag-files/1").into()
}

/// The protocol's configuration and the queue of its requests.
pub fn config<B: BlockT, N: NetworkBackend<B, B::Hash>>(
	genesis: &[u8; 32],
) -> (N::RequestResponseProtocolConfig, async_channel::Receiver<IncomingRequest>) {
	let (sender, receiver) = async_channel::bounded(INBOUND_QUEUE);
	let config = N::request_response_config(
		protocol_name(genesis),
		Vec::new(),
		4 + u64::from(MAX_CID_LENGTH),
		MAX_FILE_SIZE,
		REQUEST_TIMEOUT,
		Some(sender),
	);
	(config, receiver)
}

/// The peers the node is connected to for the DAG (kept by the gossip handler).
#[derive(Clone, Default)]
pub struct Peers(Arc<Mutex<Vec<PeerId>>>);

impl Peers {
	/// A peer connected.
	pub fn add(&self, peer: PeerId) {
		let mut peers = self.0.lock().expect("never poisoned");
		if !peers.contains(&peer) {
			peers.push(peer);
		}
	}

	/// A peer disconnected.
	pub fn remove(&self, peer: &PeerId) {
		self.0.lock().expect("never poisoned").retain(|p| p != peer);
	}

	/// The peers now.
	pub fn list(&self) -> Vec<PeerId> {
		self.0.lock().expect("never poisoned").clone()
	}
}

/// Asks others for a file by CID.
#[async_trait::async_trait]
pub trait FetchFile: Send + Sync {
	/// The batch file `cid` of `epoch`'s anchor from the first peer that has it; `None` if
	/// none does.
	async fn fetch(&self, epoch: u32, cid: &str) -> Option<Vec<u8>>;
}

/// Nobody to ask (a node without the protocol, and tests).
pub struct NoPeers;

#[async_trait::async_trait]
impl FetchFile for NoPeers {
	async fn fetch(&self, _: u32, _: &str) -> Option<Vec<u8>> {
		None
	}
}

/// Asks the connected peers over the protocol.
pub struct PeerFiles {
	network: Arc<dyn NetworkRequest + Send + Sync>,
	protocol: ProtocolName,
	peers: Peers,
	content: Arc<dyn ContentStore>,
	metrics: Option<Metrics>,
}

impl PeerFiles {
	/// Asks `peers` on `network`; checks answers against their CID with `content`.
	pub fn new(
		network: Arc<dyn NetworkRequest + Send + Sync>,
		genesis: &[u8; 32],
		peers: Peers,
		content: Arc<dyn ContentStore>,
		metrics: Option<Metrics>,
	) -> Self {
		Self { network, protocol: protocol_name(genesis), peers, content, metrics }
	}

	fn count(&self, result: &str) {
		if let Some(metrics) = &self.metrics {
			metrics.files_fetched.with_label_values(&[result]).inc();
		}
	}
}

#[async_trait::async_trait]
impl FetchFile for PeerFiles {
	async fn fetch(&self, epoch: u32, cid: &str) -> Option<Vec<u8>> {
		for peer in self.peers.list() {
			let request = self.network.request(
				peer,
				self.protocol.clone(),
				request(epoch, cid),
				None,
				IfDisconnected::ImmediateError,
			);
			let bytes = match request.await {
				Ok((bytes, _)) => bytes,
				Err(e) => {
					log::debug!(target: "dag-files", "{peer} did not give {cid}: {e}");
					self.count("missing");
					continue;
				},
			};
			if !self.content.matches(cid, &bytes) {
				log::warn!(target: "dag-files", "{peer} answered {cid} with other bytes");
				self.count("bad");
				continue;
			}
			self.count("fetched");
			match self.content.put(&bytes).await {
				Ok(stored) if stored == cid => {},
				Ok(other) => log::warn!(target: "dag-files", "{cid} was stored as {other}"),
				Err(e) => log::warn!(target: "dag-files", "keeping {cid} failed: {e}"),
			}
			return Some(bytes);
		}
		None
	}
}

/// A request for the batch file `cid` of `epoch`'s anchor.
pub fn request(epoch: u32, cid: &str) -> Vec<u8> {
	[&epoch.to_le_bytes()[..], cid.as_bytes()].concat()
}

/// Serves this node's batch files of final anchors to peers.
pub struct FileServer<B, Ch> {
	chain: Arc<Ch>,
	requests: async_channel::Receiver<IncomingRequest>,
	content: Arc<dyn ContentStore>,
	limit: PerPeer,
	metrics: Option<Metrics>,
	_block: std::marker::PhantomData<B>,
}

impl<B: BlockT, Ch: DagChain<B>> FileServer<B, Ch> {
	/// Answers `requests` from `content`, for the anchors final on `chain`.
	pub fn new(
		chain: Arc<Ch>,
		requests: async_channel::Receiver<IncomingRequest>,
		content: Arc<dyn ContentStore>,
		metrics: Option<Metrics>,
	) -> Self {
		let limit = PerPeer::new(SERVED_PER_MINUTE, 60_000);
		Self { chain, requests, content, limit, metrics, _block: Default::default() }
	}

	/// Serves until the network stops.
	pub async fn run(mut self) {
		while let Some(request) = self.requests.next().await {
			let IncomingRequest { peer, payload, pending_response } = request;
			let result = self.answer(peer, &payload).await;
			let label = match &result {
				Ok(_) => "served",
				Err(Error::FileMissing(_)) => "missing",
				Err(Error::Limited) => "limited",
				Err(_) => "refused",
			};
			if let Some(metrics) = &self.metrics {
				metrics.files_served.with_label_values(&[label]).inc();
			}
			let _ = pending_response.send(OutgoingResponse {
				result: result.map_err(|_| ()),
				reputation_changes: Vec::new(),
				sent_feedback: None,
			});
		}
	}

	/// The file `payload` names, if `peer` may have it, it is a final anchor's, and this node
	/// has it.
	async fn answer(&mut self, peer: PeerId, payload: &[u8]) -> Result<Vec<u8>, Error> {
		if self.limit.take(peer, 1, now_ms()) == 0 {
			return Err(Error::Limited);
		}
		let bad =
			|| Error::BadFile { cid: "?".into(), why: "the request is not an epoch and a CID" };
		let (epoch, cid) = payload.split_first_chunk::<4>().ok_or_else(bad)?;
		let cid = std::str::from_utf8(cid).map_err(|_| bad())?;
		let anchor = self.chain.anchor(self.chain.finalized(), u32::from_le_bytes(*epoch))?;
		if anchor.is_none_or(|anchor| anchor.cid.as_slice() != cid.as_bytes()) {
			return Err(Error::FileMissing(cid.into()));
		}
		match self.content.get(cid).await {
			Ok(Some(bytes)) => Ok(bytes),
			Ok(None) => Err(Error::FileMissing(cid.into())),
			Err(e) => Err(Error::Content(e)),
		}
	}
}

/// Where anchored batches are read: this node's store, else its peers.
#[derive(Clone)]
pub struct BatchFiles {
	content: Arc<dyn ContentStore>,
	peers: Arc<dyn FetchFile>,
}

impl BatchFiles {
	/// Reads from `content`, else asks `peers`.
	pub fn new(content: Arc<dyn ContentStore>, peers: Arc<dyn FetchFile>) -> Self {
		Self { content, peers }
	}

	/// This node's store.
	pub fn content(&self) -> &dyn ContentStore {
		&*self.content
	}

	/// The batch of `epoch` whose file is `cid`, checked against the anchor's `root`; decoded
	/// on a blocking thread (a file can be tens of megabytes).
	pub async fn batch(&self, epoch: u32, root: [u8; 32], cid: &[u8]) -> Result<Batch, Error> {
		let cid = std::str::from_utf8(cid)
			.map_err(|_| Error::BadFile { cid: "?".into(), why: "the CID is not text" })?
			.to_string();
		let file = get(&*self.content, &*self.peers, epoch, &cid).await?;
		tokio::task::spawn_blocking(move || {
			let batch = Batch::from_file(&file)
				.ok_or_else(|| Error::BadFile { cid: cid.clone(), why: "it does not decode" })?;
			if batch.epoch != epoch || batch.root() != root {
				return Err(Error::BadFile { cid, why: "it does not match the anchor" });
			}
			Ok(batch)
		})
		.await
		.map_err(|_| Error::Stopping)?
	}
}

/// Batch file `cid` of `epoch`'s anchor from this node's store, or else from its peers.
pub async fn get(
	content: &dyn ContentStore,
	peers: &dyn FetchFile,
	epoch: u32,
	cid: &str,
) -> Result<Vec<u8>, Error> {
	let local_error = match content.get(cid).await {
		Ok(Some(bytes)) => return Ok(bytes),
		Ok(None) => None,
		Err(e) => {
			log::debug!(target: "dag-files", "the store could not read {cid}: {e}");
			Some(e)
		},
	};
	match (peers.fetch(epoch, cid).await, local_error) {
		(Some(bytes), _) => Ok(bytes),
		(None, Some(e)) => Err(Error::Content(e)),
		(None, None) => Err(Error::FileMissing(cid.into())),
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::{content::MemoryStore, testing::MemChain};

	/// A peer with the files of a store.
	struct Holder(MemoryStore);

	#[async_trait::async_trait]
	impl FetchFile for Holder {
		async fn fetch(&self, _: u32, cid: &str) -> Option<Vec<u8>> {
			self.0.get(cid).await.ok().flatten()
		}
	}

	#[tokio::test]
	async fn a_file_comes_from_the_own_store_then_from_peers() {
		let own = MemoryStore::default();
		let peer = Holder(MemoryStore::default());
		let mine = own.put(b"own file").await.unwrap();
		let theirs = peer.0.put(b"their file").await.unwrap();
		assert_eq!(get(&own, &peer, 0, &mine).await.unwrap(), b"own file");
		assert_eq!(get(&own, &peer, 0, &theirs).await.unwrap(), b"their file");
		let nowhere = MemoryStore::cid_of(b"nobody has it");
		assert!(matches!(get(&own, &peer, 0, &nowhere).await, Err(Error::FileMissing(_))));
		// A store that is down is an error, unless a peer has the file.
		own.down.store(true, std::sync::atomic::Ordering::Relaxed);
		assert_eq!(get(&own, &peer, 0, &theirs).await.unwrap(), b"their file");
		assert!(matches!(get(&own, &peer, 0, &nowhere).await, Err(Error::Content(_))));
	}

	#[tokio::test]
	async fn the_server_answers_final_anchors_files_within_each_peers_allowance() {
		let store = Arc::new(MemoryStore::default());
		let cid = store.put(b"a batch").await.unwrap();
		let stray = store.put(b"kept, but no anchor's").await.unwrap();
		let chain = Arc::new(MemChain::default());
		let anchor = pallet_dag_anchor::Anchor {
			root: [0; 32],
			count: 1,
			cid: cid.as_bytes().to_vec().try_into().unwrap(),
			summary_hash: [0; 32],
			at: 0,
		};
		chain.anchors.lock().unwrap().insert(3, anchor);
		let (requests, queue) = async_channel::bounded(4);
		tokio::spawn(FileServer::new(chain, queue, store, None).run());
		let ask = |peer: PeerId, payload: Vec<u8>| {
			let requests = requests.clone();
			async move {
				let (pending_response, answer) = futures::channel::oneshot::channel();
				requests.send(IncomingRequest { peer, payload, pending_response }).await.unwrap();
				answer.await.unwrap().result
			}
		};
		let (greedy, other) = (PeerId::random(), PeerId::random());
		assert_eq!(ask(greedy, request(3, &cid)).await, Ok(b"a batch".to_vec()));
		assert_eq!(ask(greedy, request(4, &cid)).await, Err(()), "not that epoch's file");
		assert_eq!(ask(greedy, request(3, &stray)).await, Err(()), "no proxy for other files");
		assert_eq!(ask(greedy, vec![0xff, 0xfe]).await, Err(()), "not an epoch and a CID");
		for _ in 4..SERVED_PER_MINUTE {
			assert!(ask(greedy, request(3, &cid)).await.is_ok());
		}
		assert_eq!(ask(greedy, request(3, &cid)).await, Err(()), "over its allowance");
		assert!(ask(other, request(3, &cid)).await.is_ok(), "another peer has its own");
	}

	#[test]
	fn the_protocol_is_bound_to_the_chain() {
		let expected = format!("/{}/itc-dag-files/1", "ab".repeat(32));
		assert_eq!(protocol_name(&[0xab; 32]).to_string(), expected);
	}
}
