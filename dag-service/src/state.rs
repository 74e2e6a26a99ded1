//! The node's DAG: the graph and its database, each behind a lock of its own, and the ingest path.
//!
//! Ingest applies the graph rules to everything and the admission rules (the clock window, an
//! active sender and a covered transfer at this node's finalized block) only to what this
//! node is asked to submit: a peer's transaction is never refused for its age or its sender's
//! chain status (docs/DAG.md, "Two kinds of rules").

use crate::{chain::DagChain, metrics::Metrics, senders::SenderCache, Error};
use futures::channel::mpsc::{channel, Receiver, Sender};
use itc_dag::{
	anchor::Effect,
	graph::{Dag, DagConfig, Inserted, Refused},
	store::Store,
	tx::{DagTx, TxId},
	verify::{self, Invalid, Limits},
	Missing, Status,
};
use sp_runtime::traits::Block as BlockT;
use std::{
	path::Path,
	sync::{Arc, Mutex},
	time::{SystemTime, UNIX_EPOCH},
};

/// Confirmations a subscriber may fall behind before it is dropped.
pub const SUBSCRIBER_QUEUE: usize = 16_384;

/// Where a batch came from: the admission rules apply to local submissions only.
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
	Accepted {
		/// Its id.
		id: TxId,
		/// Whether it waits for a parent or an earlier number.
		orphan: bool,
	},
	/// Known already.
	Duplicate {
		/// Its id.
		id: TxId,
	},
	/// Invalid on its own (bad signature, work, shape; a submission's timestamp).
	Invalid(Invalid),
	/// Valid, but refused (an admission rule, or the orphan pool is full).
	Refused {
		/// Its id.
		id: TxId,
		/// Why.
		why: Refused,
	},
	/// Its sender reused a sequence number: kept as a conflicting vertex.
	Conflict {
		/// Its id.
		id: TxId,
		/// The transaction that had the number first.
		existing: TxId,
	},
}

/// What one ingest did.
#[derive(Debug, Default)]
pub struct Ingested {
	/// Each transaction's outcome, in the order given.
	pub outcomes: Vec<Outcome>,
	/// Every vertex the graph gained, in order: the transactions given and the orphans they
	/// released (which may have come from anyone, long before). All of them are to be
	/// forwarded: a released orphan no peer is sent would stay where it is, and the nodes
	/// that hold it would cut other batches than those that do not.
	pub added: Vec<TxId>,
}

struct Inner {
	dag: Dag,
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
	/// The DAG database. Written in the order the graph adds vertices (parents before
	/// children): an ingest takes this lock before it releases the graph's, so the next one
	/// inserts meanwhile and writes after it. Lock order: graph, then database.
	store: Arc<Mutex<Store>>,
	/// Confirmation subscribers, fed after the graph lock is released.
	subscribers: Arc<Mutex<Vec<Sender<TxId>>>>,
	senders: Arc<SenderCache>,
	metrics: Option<Metrics>,
	/// Added to the system clock for the DAG's own time (a test-only skew; 0 in production).
	clock_offset_ms: i64,
}

/// Unix time now, in milliseconds.
pub fn now_ms() -> u64 {
	SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64)
}

impl DagShared {
	/// Opens the DAG database in `path` and replays it into a graph; submissions are admitted
	/// under `limits`.
	pub fn open(genesis: [u8; 32], path: &Path, limits: Limits) -> Result<Self, Error> {
		let store = Store::open(path)?;
		let stored = store.load()?;
		let mut dag = Dag::new(&genesis, DagConfig::default());
		// Anchored transactions are final: they must never be cut into a batch again, whether
		// the database holds them or they arrive later from a peer.
		let anchored = store.anchored()?;
		dag.mark_anchored(&anchored);
		for (id, received, tx) in stored {
			let _ = dag.insert(id, tx, received);
		}
		log::info!(target: "dag", "DAG restored from {}: {} transactions", path.display(), dag.len());
		Ok(Self {
			genesis,
			limits,
			inner: Arc::new(Mutex::new(Inner { dag, expired_at: 0 })),
			store: Arc::new(Mutex::new(store)),
			subscribers: Arc::new(Mutex::new(Vec::new())),
			senders: Arc::new(SenderCache::default()),
			metrics: None,
			clock_offset_ms: 0,
		})
	}

	/// Runs the DAG's clock `offset_ms` off the system clock (test networks: a node whose
	/// DAG sees another time than its consensus does).
	pub fn with_clock_offset(mut self, offset_ms: i64) -> Self {
		self.clock_offset_ms = offset_ms;
		self
	}

	/// The DAG's time now, in Unix ms.
	pub fn now(&self) -> u64 {
		now_ms().saturating_add_signed(self.clock_offset_ms)
	}

	/// Reports to `metrics` from now on.
	pub fn with_metrics(mut self, metrics: Option<Metrics>) -> Self {
		self.metrics = metrics;
		self
	}

	/// The service's metrics, if the node has a registry.
	pub fn metrics(&self) -> Option<&Metrics> {
		self.metrics.as_ref()
	}

	/// The node's limits (difficulty, timestamp window).
	pub fn limits(&self) -> Limits {
		self.limits
	}

	/// The chain's genesis hash, which transactions are bound to.
	pub fn genesis(&self) -> [u8; 32] {
		self.genesis
	}

	/// Checks and inserts a batch; returns each transaction's outcome, in order, and the
	/// vertices added. `chain` is read for the admission of local submissions only.
	pub fn ingest<B: BlockT>(
		&self,
		chain: &impl DagChain<B>,
		txs: Vec<DagTx>,
		source: Source,
	) -> Ingested {
		let now = self.now();
		// Outside the lock: the checks and the signatures, where the time goes.
		let checked: Vec<Result<TxId, Invalid>> = txs
			.iter()
			.map(|tx| {
				if source == Source::Local {
					verify::fresh(tx, &self.limits, now)?;
				}
				verify::check(&self.genesis, tx, self.limits.difficulty)
			})
			.collect();
		// What this batch holds before costs no signature check, and neither does what the
		// graph holds already when a peer sends it (a peer sending the same transactions again
		// makes this node do no work but a lookup). A submission is not looked up first: that
		// would take the graph lock once more per batch, and concurrent submitters would wait
		// for each other's insertions before they could even verify (a submitter sending known
		// transactions only makes its own call slower).
		let known: Vec<bool> = {
			let inner = match source {
				Source::Peer => Some(self.inner.lock().expect("the DAG lock is never poisoned")),
				Source::Local => None,
			};
			let mut in_batch = std::collections::HashSet::new();
			checked
				.iter()
				.map(|c| {
					c.as_ref().is_ok_and(|id| {
						!in_batch.insert(*id) || inner.as_ref().is_some_and(|i| i.dag.contains(id))
					})
				})
				.collect()
		};
		let to_verify: Vec<&DagTx> = txs
			.iter()
			.zip(checked.iter().zip(&known))
			.filter(|(_, (c, known))| c.is_ok() && !**known)
			.map(|(tx, _)| tx)
			.collect();
		let verified = verify::signatures(&self.genesis, &to_verify);
		// The chain is read for admission only, and only for the senders that signed.
		let view = match source {
			Source::Local => {
				let signed = to_verify.iter().zip(&verified).filter(|(_, ok)| **ok);
				self.senders.snapshot(chain, signed.map(|(tx, _)| tx.essence.sender))
			},
			Source::Peer => Default::default(),
		};
		let mut signatures = verified.into_iter();

		let mut inner = self.inner.lock().expect("the DAG lock is never poisoned");
		if now.saturating_sub(inner.expired_at) >= EXPIRY_INTERVAL_MS {
			inner.expired_at = now;
			inner.dag.expire_orphans(now);
		}
		let mut outcomes = Vec::with_capacity(txs.len());
		let mut added_all = Vec::new();
		let mut confirmed_all = Vec::new();
		for ((tx, checked), known) in txs.into_iter().zip(checked).zip(known) {
			let id = match checked {
				Ok(id) if known => {
					outcomes.push(Outcome::Duplicate { id });
					continue;
				},
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
				Source::Peer => inner.dag.insert(id, tx, now),
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
		let dag = &inner.dag;
		let vertices: Vec<(TxId, DagTx)> =
			added_all.iter().filter_map(|id| dag.get(id).map(|tx| (*id, tx.clone()))).collect();
		let sizes = (dag.len(), dag.orphans(), dag.tip_count());
		// The database write goes outside the graph lock, in graph order (see `store`).
		let mut store = self.store.lock().expect("the DAG database lock is never poisoned");
		drop(inner);
		if let Err(e) = store.append(vertices.iter().map(|(id, tx)| (*id, now, tx))) {
			log::error!(target: "dag", "DAG database write failed: {e}");
		}
		drop(store);
		self.count(&outcomes, sizes);
		let added = added_all;
		// Outside the graph lock. A subscriber that falls [`SUBSCRIBER_QUEUE`] confirmations
		// behind is dropped (its subscription ends) rather than buffered without bound.
		if !confirmed_all.is_empty() {
			let mut subscribers = self.subscribers.lock().expect("never poisoned");
			subscribers.retain_mut(|s| confirmed_all.iter().all(|id| s.try_send(*id).is_ok()));
		}
		Ingested { outcomes, added }
	}

	/// Reports one ingest's outcomes and the graph's sizes.
	fn count(&self, outcomes: &[Outcome], (len, orphans, tips): (usize, usize, usize)) {
		let Some(metrics) = &self.metrics else { return };
		for outcome in outcomes {
			match outcome {
				Outcome::Accepted { .. } => metrics.accepted.inc(),
				Outcome::Invalid(why) => metrics.refused.with_label_values(&[invalid(why)]).inc(),
				Outcome::Refused { why, .. } => {
					metrics.refused.with_label_values(&[refused(why)]).inc()
				},
				Outcome::Conflict { .. } => metrics.refused.with_label_values(&["conflict"]).inc(),
				Outcome::Duplicate { .. } => {},
			}
		}
		metrics.graph_size.set(len as u64);
		metrics.orphans.set(orphans as u64);
		metrics.tips.set(tips as u64);
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
		self.inner.lock().expect("never poisoned").dag.select_tips(self.now())
	}

	/// A stream of the ids of transactions as they are confirmed.
	pub fn subscribe(&self) -> Receiver<TxId> {
		let (sender, receiver) = channel(SUBSCRIBER_QUEUE);
		self.subscribers.lock().expect("never poisoned").push(sender);
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

	/// Transactions confirmed and not anchored yet (what a batch is cut from), copied out of
	/// the lock, each with whether it is conflicting.
	pub fn unanchored(&self) -> Vec<(TxId, DagTx, bool)> {
		let inner = self.inner.lock().expect("never poisoned");
		let candidates = inner.dag.unanchored().into_iter();
		candidates.map(|c| (c.id, c.tx.clone(), c.conflicting)).collect()
	}

	/// Marks the transactions of `epoch`'s anchor (`marks`: ids and effects) anchored, in the
	/// graph and the database; returns how many the graph held (the others are anchored when
	/// they arrive).
	pub fn mark_anchored(&self, epoch: u32, marks: &[(TxId, Effect)]) -> Result<usize, Error> {
		let mut inner = self.inner.lock().expect("never poisoned");
		self.store.lock().expect("never poisoned").mark_anchored(epoch, marks)?;
		Ok(inner.dag.mark_anchored(marks.iter().map(|(id, _)| id)))
	}

	/// The epoch of the anchor that holds `id` and its effect there, if this node knows it.
	pub fn anchored(&self, id: &TxId) -> Option<(u32, Effect)> {
		self.store.lock().expect("never poisoned").anchored_epoch(id).ok().flatten()
	}

	/// A value the anchor service keeps in the DAG database.
	pub fn meta(&self, key: &[u8]) -> Option<Vec<u8>> {
		self.store.lock().expect("never poisoned").meta(key).ok().flatten()
	}

	/// Keeps a value for the anchor service in the DAG database.
	pub fn set_meta(&self, key: &[u8], value: &[u8]) -> Result<(), Error> {
		Ok(self.store.lock().expect("never poisoned").set_meta(key, value)?)
	}

	/// The encoded transactions with these ids that the graph holds (for gossip).
	pub fn encoded(&self, ids: &[TxId]) -> Vec<(TxId, Vec<u8>)> {
		use codec::Encode;
		let inner = self.inner.lock().expect("never poisoned");
		ids.iter().filter_map(|id| inner.dag.get(id).map(|tx| (*id, tx.encode()))).collect()
	}
}

/// The metric label of an invalid transaction.
fn invalid(why: &Invalid) -> &'static str {
	match why {
		Invalid::CidTooLong => "cid-too-long",
		Invalid::PointlessTransfer => "pointless-transfer",
		Invalid::Timestamp => "timestamp",
		Invalid::InsufficientWork => "insufficient-work",
		Invalid::BadSignature => "bad-signature",
	}
}

/// The metric label of a refusal.
fn refused(why: &Refused) -> &'static str {
	match why {
		Refused::InactiveSender => "inactive-sender",
		Refused::InsufficientBalance => "insufficient-balance",
		Refused::StaleSequence => "stale-sequence",
		Refused::TooManyOrphans => "too-many-orphans",
		Refused::UnknownPredecessor => "unknown-predecessor",
	}
}

#[cfg(test)]
mod tests;
