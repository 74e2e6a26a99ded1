//! The read side of anchors: `dag_proof`'s answers. Batch files are read (from this node's
//! store, or a peer's) and decoded on a blocking thread, and the last few decoded batches are
//! kept, so a burst of proofs of one epoch decodes its file once.

use crate::{chain::DagChain, files::BatchFiles, state::DagShared, Error};
use itc_dag::{
	anchor::{merkle::MerkleProof, Effect},
	batch::Batch,
	TxId,
};
use sp_runtime::traits::Block as BlockT;
use std::{
	collections::VecDeque,
	sync::{Arc, Mutex},
	time::Instant,
};

/// Decoded batches kept.
pub const CACHED_BATCHES: usize = 4;

/// Where a transaction is anchored, with its inclusion proof.
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct Proof {
	/// The anchor's epoch.
	pub epoch: u32,
	/// The anchor's Merkle root.
	pub root: [u8; 32],
	/// What the transaction did.
	pub effect: Effect,
	/// The proof of its leaf.
	pub proof: MerkleProof,
}

/// Answers proofs for one node.
pub struct Proofs<B, Ch> {
	chain: Arc<Ch>,
	dag: DagShared,
	files: BatchFiles,
	cache: Mutex<VecDeque<(u32, [u8; 32], Arc<Batch>)>>,
	_block: std::marker::PhantomData<B>,
}

impl<B: BlockT, Ch: DagChain<B>> Proofs<B, Ch> {
	/// Proofs of `dag`'s anchored transactions against `chain`'s finalized anchors, from the
	/// batch files `files` reads.
	pub fn new(chain: Arc<Ch>, dag: DagShared, files: BatchFiles) -> Self {
		let cache = Mutex::new(VecDeque::new());
		Self { chain, dag, files, cache, _block: Default::default() }
	}

	/// Where `id` is anchored and its proof, against the finalized block; `None` if this node
	/// knows no finalized anchor holding it.
	pub async fn proof(&self, id: &TxId) -> Result<Option<Proof>, Error> {
		let started = Instant::now();
		let answer = self.find(id).await;
		if let Some(metrics) = self.dag.metrics() {
			metrics.proof_calls.inc();
			metrics.proof_time.observe(started.elapsed().as_secs_f64());
		}
		answer
	}

	async fn find(&self, id: &TxId) -> Result<Option<Proof>, Error> {
		let Some((epoch, _)) = self.dag.anchored(id) else { return Ok(None) };
		let Some(anchor) = self.chain.anchor(self.chain.finalized(), epoch)? else {
			return Ok(None);
		};
		let batch = match self.cached(epoch, &anchor.root) {
			Some(batch) => batch,
			None => {
				let batch = Arc::new(self.files.batch(epoch, anchor.root, &anchor.cid).await?);
				self.keep(epoch, anchor.root, batch.clone());
				batch
			},
		};
		let id = *id;
		let found = tokio::task::spawn_blocking(move || batch.proof(&id))
			.await
			.map_err(|_| Error::Stopping)?;
		Ok(found.map(|(proof, effect)| Proof { epoch, root: anchor.root, effect, proof }))
	}

	fn cached(&self, epoch: u32, root: &[u8; 32]) -> Option<Arc<Batch>> {
		let cache = self.cache.lock().expect("never poisoned");
		cache.iter().find(|(e, r, _)| *e == epoch && r == root).map(|(_, _, b)| b.clone())
	}

	fn keep(&self, epoch: u32, root: [u8; 32], batch: Arc<Batch>) {
		let mut cache = self.cache.lock().expect("never poisoned");
		cache.retain(|(e, _, _)| *e != epoch);
		cache.push_back((epoch, root, batch));
		while cache.len() > CACHED_BATCHES {
			cache.pop_front();
		}
	}

	/// Epochs whose decoded batch is kept now (oldest first).
	pub fn cached_epochs(&self) -> Vec<u32> {
		self.cache.lock().expect("never poisoned").iter().map(|(e, _, _)| *e).collect()
	}
}
