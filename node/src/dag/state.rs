//! The node's DAG: the graph and its database behind one lock, and the ingest path.

use super::chain::SenderCache;
use futures::channel::mpsc::{channel, Receiver, Sender};
use itc_dag::{
	graph::{Dag, DagConfig, Inserted, Refused},
	store::Store,
	tx::{DagTx, TxId},
	verify::{self, Invalid, Limits},
	Missing, Status,
};
use itc_runtime::{opaque::Block, AccountId, Balance};
use pallet_dag_accounts::runtime_api::DagAccountsApi;
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use std::{
	path::Path,
	sync::{Arc, Mutex},
	time::{SystemTime, UNIX_EPOCH},
};

/// Confirmations a subscriber may fall behind before it is dropped.
pub const SUBSCRIBER_QUEUE: usize = 16_384;

/// Where a batch came from: balances are checked for local submissions only.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum Source {
	/// JSON-RPC on this node.
	Local,
	/// A peer, over gossip.
	Peer,
}

/// What happened to one transaction of a batch.
#[derive(Clone, Debug, Eq, PartialEq)]
pub enum Outcome {
	/// In the graph (or waiting for its parents): gossip it.
	Accepted { id: TxId, orphan: bool },
	/// Known already.
	Duplicate { id: TxId },
	/// Invalid on its own (bad signature, work, timestamp, shape).
	Invalid(Invalid),
	/// Valid, but the graph refused it.
	Refused { id: TxId, why: Refused },
	/// Its sender reused a sequence number: kept as a conflicting vertex.
	Conflict { id: TxId, existing: TxId },
}

struct Inner {
	dag: Dag,
	store: Store,
	subscribers: Vec<Sender<TxId>>,
	/// When orphans past their time were last dropped (ms).
	expired_at: u64,
}

/// How often orphans past their time are dropped, in ms.
const EXPIRY_INTERVAL_MS: u64 = 1_000;

/// The DAG shared by the RPC server and the gossip task.
#[derive(Clone)]
pub struct DagShared {
	genesis: [u8; 32],
	limits: Limits,
	inner: Arc<Mutex<Inner>>,
	senders: Arc<SenderCache>,
}

/// Unix time now, in milliseconds.
pub fn now_ms() -> u64 {
	SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64)
}

impl DagShared {
	/// Opens the DAG database in `path` and replays it into a graph.
	pub fn open(genesis: [u8; 32], path: &Path) -> Result<Self, String> {
		let store = Store::open(path).map_err(|e| e.to_string())?;
		let stored = store.load().map_err(|e| e.to_string())?;
		let mut dag = Dag::new(&genesis, DagConfig::default());
		for (id, received, tx) in stored {
			let _ = dag.insert(&Replay, id, tx, received);
		}
		// Anchored transactions are final: they must never be cut into a batch again.
		let anchored = store.anchored().map_err(|e| e.to_string())?;
		dag.mark_anchored(&anchored);
		log::info!(target: "dag", "DAG restored from {}: {} transactions", path.display(), dag.len());
		Ok(Self {
			genesis,
			limits: Limits::default(),
			inner: Arc::new(Mutex::new(Inner {
				dag,
				store,
				subscribers: Vec::new(),
				expired_at: 0,
			})),
			senders: Arc::new(SenderCache::default()),
		})
	}

	/// The node's limits (difficulty, timestamp window).
	pub fn limits(&self) -> Limits {
		self.limits
	}

	/// The chain's genesis hash, which transactions are bound to.
	pub fn genesis(&self) -> [u8; 32] {
		self.genesis
	}

	/// Checks and inserts a batch; returns each transaction's outcome, in order.
	pub fn ingest<C>(&self, client: &C, txs: Vec<DagTx>, source: Source) -> Vec<Outcome>
	where
		C: ProvideRuntimeApi<Block> + HeaderBackend<Block>,
		C::Api: DagAccountsApi<Block, AccountId, Balance>,
	{
		let now = now_ms();
		// Outside the lock: the checks and the signatures, where the time goes.
		let checked: Vec<Result<TxId, Invalid>> =
			txs.iter().map(|tx| verify::check(&self.genesis, tx, &self.limits, now)).collect();
		let to_verify: Vec<&DagTx> =
			txs.iter().zip(&checked).filter(|(_, c)| c.is_ok()).map(|(tx, _)| tx).collect();
		let mut signatures = verify::signatures(&self.genesis, &to_verify).into_iter();
		let view = self.senders.snapshot(client, to_verify.iter().map(|tx| tx.essence.sender));

		let mut inner = self.inner.lock().expect("the DAG lock is never poisoned");
		if now.saturating_sub(inner.expired_at) >= EXPIRY_INTERVAL_MS {
			inner.expired_at = now;
			inner.dag.expire_orphans(now);
		}
		let mut outcomes = Vec::with_capacity(txs.len());
		let mut added_all = Vec::new();
		let mut confirmed_all = Vec::new();
		for (tx, checked) in txs.into_iter().zip(checked) {
			let id = match checked {
				Ok(id) if signatures.next() == Some(true) => id,
				Ok(_) => {
					outcomes.push(Outcome::Invalid(Invalid::BadSignature));
					continue;
				},
				Err(invalid) => {
					outcomes.push(Outcome::Invalid(invalid));
					continue;
				},
			};
			let result = match source {
				Source::Local => inner.dag.submit(&view, id, tx, now),
				Source::Peer => inner.dag.insert(&view, id, tx, now),
			};
			outcomes.push(match result {
				Ok(Inserted::Added { added, confirmed }) => {
					added_all.extend(added);
					confirmed_all.extend(confirmed);
					Outcome::Accepted { id, orphan: false }
				},
				Ok(Inserted::Conflicting { existing, added, confirmed }) => {
					added_all.extend(added);
					confirmed_all.extend(confirmed);
					Outcome::Conflict { id, existing }
				},
				Ok(Inserted::Orphaned) => Outcome::Accepted { id, orphan: true },
				Ok(Inserted::Duplicate) => Outcome::Duplicate { id },
				Err(why) => Outcome::Refused { id, why },
			});
		}
		let Inner { dag, store, subscribers, .. } = &mut *inner;
		let vertices = added_all.iter().filter_map(|id| dag.get(id).map(|tx| (*id, now, tx)));
		if let Err(e) = store.append(vertices) {
			log::error!(target: "dag", "DAG database write failed: {e}");
		}
		// A subscriber that falls [`SUBSCRIBER_QUEUE`] confirmations behind is dropped (its
		// subscription ends) rather than buffered without bound.
		subscribers.retain_mut(|s| confirmed_all.iter().all(|id| s.try_send(*id).is_ok()));
		outcomes
	}

	/// A transaction's status.
	pub fn status(&self, id: &TxId) -> Option<Status> {
		self.inner.lock().expect("never poisoned").dag.status(id)
	}

	/// The current tips.
	pub fn tips(&self) -> Vec<TxId> {
		self.inner.lock().expect("never poisoned").dag.tips().copied().collect()
	}

	/// Two tips for a new transaction to approve.
	pub fn select_tips(&self) -> [TxId; 2] {
		self.inner.lock().expect("never poisoned").dag.select_tips(now_ms())
	}

	/// A stream of the ids of transactions as they are confirmed.
	pub fn subscribe(&self) -> Receiver<TxId> {
		let (sender, receiver) = channel(SUBSCRIBER_QUEUE);
		self.inner.lock().expect("never poisoned").subscribers.push(sender);
		receiver
	}

	/// What the orphans wait for now.
	pub fn missing(&self) -> Vec<Missing> {
		self.inner.lock().expect("never poisoned").dag.missing().copied().collect()
	}

	/// Orphans held.
	pub fn orphans(&self) -> usize {
		self.inner.lock().expect("never poisoned").dag.orphans()
	}

	/// The encoded transactions that provide `wants`, those the graph holds (for a peer).
	pub fn find(&self, wants: &[Missing]) -> Vec<(TxId, Vec<u8>)> {
		use codec::Encode;
		let inner = self.inner.lock().expect("never poisoned");
		wants.iter().filter_map(|m| inner.dag.find(m).map(|(id, tx)| (id, tx.encode()))).collect()
	}

	/// Confirmed transactions not anchored yet, stamped before `end_ms` (what a batch is cut
	/// from), copied out of the lock.
	pub fn unanchored_before(&self, end_ms: u64) -> Vec<(TxId, DagTx)> {
		let inner = self.inner.lock().expect("never poisoned");
		inner.dag.unanchored_before(end_ms).into_iter().map(|(id, tx)| (id, tx.clone())).collect()
	}

	/// Marks `ids` anchored by `epoch`'s anchor, in the graph and the database; returns how
	/// many the graph held.
	pub fn mark_anchored(&self, epoch: u32, ids: &[TxId]) -> Result<usize, String> {
		let mut inner = self.inner.lock().expect("never poisoned");
		inner.store.mark_anchored(epoch, ids).map_err(|e| e.to_string())?;
		Ok(inner.dag.mark_anchored(ids))
	}

	/// The epoch of the anchor that holds `id`, if this node knows it.
	pub fn anchored_epoch(&self, id: &TxId) -> Option<u32> {
		let inner = self.inner.lock().expect("never poisoned");
		inner.store.anchored_epoch(id).ok().flatten()
	}

	/// A value the anchor service keeps in the DAG database.
	pub fn meta(&self, key: &[u8]) -> Option<Vec<u8>> {
		self.inner.lock().expect("never poisoned").store.meta(key).ok().flatten()
	}

	/// Keeps a value for the anchor service in the DAG database.
	pub fn set_meta(&self, key: &[u8], value: &[u8]) -> Result<(), String> {
		let mut inner = self.inner.lock().expect("never poisoned");
		inner.store.set_meta(key, value).map_err(|e| e.to_string())
	}

	/// The encoded transactions with these ids that the graph holds (for gossip).
	pub fn encoded(&self, ids: &[TxId]) -> Vec<(TxId, Vec<u8>)> {
		use codec::Encode;
		let inner = self.inner.lock().expect("never poisoned");
		ids.iter().filter_map(|id| inner.dag.get(id).map(|tx| (*id, tx.encode()))).collect()
	}
}

/// The chain view of a replay: every stored vertex was accepted once, so its sender counts as
/// active (a device suspended since still has its history restored), and [`Dag::insert`]
/// checks no balances.
struct Replay;

impl itc_dag::ChainView for Replay {
	fn locked(&self, _: &[u8; 32]) -> u128 {
		0
	}
	fn is_active(&self, _: &[u8; 32]) -> bool {
		true
	}
}
