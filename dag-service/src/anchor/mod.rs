//! The node's half of the DAG anchor bridge (docs/ANCHOR.md).
//!
//! On every finalized block it:
//! 1. marks the transactions of newly finalized anchors `anchored` (in the graph and the DAG
//!    database, with their effects), from the batch it cut itself when its root is the
//!    anchor's, else from the batch file — in its own store, or fetched from a peer
//!    ([`crate::files`]). An anchor whose file nobody has yet is retried later; meanwhile the
//!    node still cuts what the others cut, since the chain's sequence watermarks leave the
//!    settled numbers out;
//! 2. once the open epoch's reference block is final, cuts the epoch's batch
//!    ([`itc_dag::batch::Batch::cut`]) against the chain at that block ([`reference`]), stores
//!    the batch file and leaves the summary where the `DagAnchor` off-chain worker picks it up.
//!
//! A content store that fails is retried with a doubling back-off (1 s up to 60 s); nothing is
//! left for the worker until the file is stored, and the batch is recomputed on the next try.
//! The cut is kept in memory only: after a restart the node cuts the open epoch again from its
//! graph as it is then (the summary can differ if it gained confirmed transactions meanwhile).

pub mod reference;
#[cfg(test)]
mod tests;

use crate::{chain::DagChain, files::BatchFiles, state::DagShared, Error};
use codec::{Decode, Encode};
use futures::{Stream, StreamExt};
use itc_dag::batch::{Batch, Candidate};
use reference::ReferenceView;
use sp_runtime::{
	traits::{Block as BlockT, NumberFor},
	SaturatedConversion,
};
use std::{
	collections::{BTreeMap, BTreeSet},
	sync::Arc,
	time::{Duration, Instant},
};

const LOG: &str = "dag-anchor";
/// DAG database key of the last epoch whose anchor this node has looked at (u32 LE).
const PROGRESS_KEY: &[u8] = b"anchor/processed-through";
/// DAG database key of the anchored epochs whose batch file this node has not had yet.
const UNMARKED_KEY: &[u8] = b"anchor/unmarked";
/// Epochs looked at per finalized block when catching up.
const CATCH_UP_PER_BLOCK: u32 = 256;
/// Batches kept in memory after they were cut.
const KEEP_BATCHES: usize = 16;
/// How often anchors whose file was missing are tried again.
const UNMARKED_RETRY: Duration = Duration::from_secs(10);
/// The longest back-off of a failing store.
const MAX_BACKOFF: Duration = Duration::from_secs(60);

/// The anchor service of one node.
pub struct AnchorService<B: BlockT, Ch> {
	chain: Arc<Ch>,
	dag: DagShared,
	files: BatchFiles,
	/// The batches this node cut, by epoch.
	cut: BTreeMap<u32, Batch>,
	/// Anchored epochs whose batch this node has not had yet.
	unmarked: BTreeSet<u32>,
	unmarked_at: Instant,
	unmarked_retry: Duration,
	retry_at: Instant,
	backoff: Duration,
	_block: std::marker::PhantomData<B>,
}

impl<B: BlockT, Ch: DagChain<B>> AnchorService<B, Ch> {
	/// The service of `dag` on `chain`; batch files are kept and read through `files`.
	pub fn new(chain: Arc<Ch>, dag: DagShared, files: BatchFiles) -> Self {
		let unmarked = dag
			.meta(UNMARKED_KEY)
			.and_then(|v| BTreeSet::<u32>::decode(&mut &v[..]).ok())
			.unwrap_or_default();
		Self {
			chain,
			dag,
			files,
			cut: BTreeMap::new(),
			unmarked,
			unmarked_at: Instant::now(),
			unmarked_retry: UNMARKED_RETRY,
			retry_at: Instant::now(),
			backoff: Duration::from_secs(1),
			_block: Default::default(),
		}
	}

	/// Tries anchors whose file was missing again every `every` (default 10 s).
	pub fn with_unmarked_retry(mut self, every: Duration) -> Self {
		self.unmarked_retry = every;
		self
	}

	/// Runs on `finalized` blocks until the stream ends.
	pub async fn run(mut self, finalized: impl Stream<Item = (B::Hash, NumberFor<B>)> + Unpin) {
		match self.files.content().check().await {
			Ok(store) => log::info!(target: LOG, "batch files go to the {store}"),
			Err(e) => log::warn!(target: LOG, "the batch file store is not usable yet: {e}"),
		}
		let mut finalized = finalized;
		while let Some((hash, number)) = finalized.next().await {
			if let Err(e) = self.step(hash, number).await {
				log::warn!(target: LOG, "at #{number}: {e}");
			}
		}
	}

	/// What the service does on finalized block `number` (`at`).
	pub async fn step(&mut self, at: B::Hash, number: NumberFor<B>) -> Result<(), Error> {
		let status = self.chain.status(at)?;
		if !self.mark_anchors(at, status.last_anchored).await? {
			return Ok(()); // Still catching up: cut once every anchor is looked at.
		}
		self.retry_unmarked(at).await?;
		let Some(window) = status.open else { return Ok(()) };
		if window.reference > number || self.cut.contains_key(&window.epoch) {
			return Ok(());
		}
		if Instant::now() < self.retry_at {
			return Ok(());
		}
		let batch = self.cut(window.epoch, window.reference, window.deadline, window.end_ms)?;
		let cid = if batch.txs.is_empty() {
			String::new()
		} else {
			match self.files.content().put(&batch.to_file()).await {
				Ok(cid) => cid,
				Err(e) => {
					self.retry_at = Instant::now() + self.backoff;
					let waited = self.backoff;
					self.backoff = (self.backoff * 2).min(MAX_BACKOFF);
					return Err(Error::Content(format!(
						"epoch {}: storing the batch failed, retrying in {waited:?}: {e}",
						window.epoch
					)));
				},
			}
		};
		self.backoff = Duration::from_secs(1);
		let summary = batch.summary(&cid).ok_or(Error::Unbounded(window.epoch))?;
		self.chain.leave_summary(window.epoch, &summary.encode())?;
		log::info!(
			target: LOG,
			"epoch {}: cut {} transactions from {} senders, root {}, {} accounts settled, CID {}",
			window.epoch,
			summary.count,
			summary.senders.len(),
			sp_core::hexdisplay::HexDisplay::from(&summary.root),
			summary.settlement.len(),
			if cid.is_empty() { "-" } else { &cid },
		);
		if let Some(metrics) = self.dag.metrics() {
			metrics.batches_cut.inc();
		}
		self.cut.insert(window.epoch, batch);
		while self.cut.len() > KEEP_BATCHES {
			self.cut.pop_first();
		}
		Ok(())
	}

	/// The batch this node cut for `epoch`, if it did.
	pub fn cut_batch(&self, epoch: u32) -> Option<&Batch> {
		self.cut.get(&epoch)
	}

	/// Anchored epochs whose batch file this node has not had yet.
	pub fn unmarked(&self) -> &BTreeSet<u32> {
		&self.unmarked
	}

	/// The batch of `epoch` (ending at `end_ms`), against the chain at block `reference`, with
	/// the funds that stay held through the epoch's `deadline`.
	fn cut(
		&self,
		epoch: u32,
		reference: NumberFor<B>,
		deadline: NumberFor<B>,
		end_ms: u64,
	) -> Result<Batch, Error> {
		let number: u64 = reference.saturated_into();
		let reference = self.chain.hash(reference)?.ok_or(Error::UnknownBlock(number))?;
		let candidates = self.dag.unanchored();
		let txs = candidates.iter().map(|c| &c.1);
		let view = ReferenceView::read(&*self.chain, reference, deadline, txs)?;
		let candidates = candidates.iter().map(|(id, tx, conflicting)| Candidate {
			id: *id,
			tx,
			conflicting: *conflicting,
		});
		Ok(Batch::cut(self.dag.genesis(), epoch, end_ms, candidates, &view))
	}

	/// Marks the transactions of anchors up to `last` (at finalized block `at`) anchored;
	/// returns whether it looked at all of them.
	async fn mark_anchors(&mut self, at: B::Hash, last: Option<u32>) -> Result<bool, Error> {
		let Some(last) = last else { return Ok(true) };
		let done =
			self.dag.meta(PROGRESS_KEY).and_then(|v| v.try_into().ok()).map(u32::from_le_bytes);
		let first = done.map_or(0, |d| d.saturating_add(1));
		if first > last {
			return Ok(true);
		}
		let until = last.min(first.saturating_add(CATCH_UP_PER_BLOCK - 1));
		for epoch in first..=until {
			if !self.mark(at, epoch).await? {
				self.unmarked.insert(epoch);
			}
		}
		self.dag.set_meta(UNMARKED_KEY, &self.unmarked.encode())?;
		// Marks are idempotent: a crash before this write only repeats them.
		self.dag.set_meta(PROGRESS_KEY, &until.to_le_bytes())?;
		Ok(until == last)
	}

	/// Tries the anchors whose file was missing again, now and then.
	async fn retry_unmarked(&mut self, at: B::Hash) -> Result<(), Error> {
		if self.unmarked.is_empty() || self.unmarked_at.elapsed() < self.unmarked_retry {
			return Ok(());
		}
		self.unmarked_at = Instant::now();
		for epoch in self.unmarked.clone() {
			// On an error the rest stays listed for the next try.
			if self.mark(at, epoch).await? {
				self.unmarked.remove(&epoch);
				self.dag.set_meta(UNMARKED_KEY, &self.unmarked.encode())?;
			}
		}
		Ok(())
	}

	/// Marks one anchor's transactions, from this node's own batch or the batch file (its
	/// own, or a peer's); returns whether it had the batch (an epoch without an anchor, or an
	/// empty one, counts as done).
	async fn mark(&self, at: B::Hash, epoch: u32) -> Result<bool, Error> {
		let Some(anchor) = self.chain.anchor(at, epoch)? else { return Ok(true) };
		if anchor.count == 0 {
			return Ok(true);
		}
		let own = self.cut.get(&epoch).filter(|b| b.root() == anchor.root).map(Batch::marks);
		let marks = match own {
			Some(marks) => marks,
			None => match self.files.batch(epoch, anchor.root, &anchor.cid).await {
				Ok(batch) => batch.marks(),
				Err(e) => {
					log::warn!(target: LOG, "epoch {epoch}: anchored, but {e}; trying again later");
					return Ok(false);
				},
			},
		};
		let marked = self.dag.mark_anchored(epoch, &marks)?;
		log::info!(
			target: LOG,
			"epoch {epoch}: anchored, {marked} of {} transactions marked",
			anchor.count
		);
		Ok(true)
	}
}
