//! The node's half of the DAG anchor bridge (docs/ANCHOR.md).
//!
//! On every finalized block it:
//! 1. marks the transactions of newly finalized anchors `anchored` (in the graph and the
//!    DAG database), from the batch it cut itself when its root is the anchor's, else from
//!    the batch file in its content store;
//! 2. once the open epoch's reference block is final, cuts the epoch's batch
//!    ([`itc_dag::batch::Batch::cut`]) against the micro-accounts at that block, stores the
//!    batch file in the content store and leaves the summary in the off-chain database, where
//!    the `DagAnchor` off-chain worker picks it up and proposes it.
//!
//! A content store that fails is retried with a doubling back-off (1 s up to 60 s); nothing is
//! written for the worker until the file is stored, and the batch is recomputed the same way
//! on the next try — or after a restart, from the same DAG and chain state.

use super::state::DagShared;
use crate::ipfs::ContentStore;
use codec::Encode;
use futures::StreamExt;
use itc_dag::batch::{Batch, LockedAt};
use itc_runtime::{opaque::Block, AccountId, Balance, BlockNumber};
use pallet_dag_accounts::runtime_api::DagAccountsApi;
use pallet_dag_anchor::runtime_api::DagAnchorApi;
use sc_client_api::{Backend, BlockchainEvents};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_core::offchain::OffchainStorage;
use sp_runtime::traits::Header as _;
use std::{
	collections::{BTreeMap, HashMap},
	sync::Arc,
	time::{Duration, Instant},
};

const LOG: &str = "dag-anchor";
/// DAG database key of the last epoch whose anchor this node has processed (u32 LE).
const PROGRESS_KEY: &[u8] = b"anchor/processed-through";
/// Epochs looked at per finalized block when catching up.
const CATCH_UP_PER_BLOCK: u32 = 256;
/// Batches kept in memory after they were cut.
const KEEP_BATCHES: usize = 16;

/// Locked balances at the reference block, read once per account.
struct LockedView(HashMap<[u8; 32], u128>);

impl LockedAt for LockedView {
	fn locked(&self, account: &[u8; 32]) -> u128 {
		self.0.get(account).copied().unwrap_or(0)
	}
}

/// The service's state between finalized blocks.
struct Anchoring<C, BE> {
	client: Arc<C>,
	backend: Arc<BE>,
	dag: DagShared,
	content: Arc<dyn ContentStore>,
	cut: BTreeMap<u32, Batch>,
	retry_at: Instant,
	backoff: Duration,
}

/// Runs the anchor service until the node stops.
pub async fn run<C, BE>(
	client: Arc<C>,
	backend: Arc<BE>,
	dag: DagShared,
	content: Arc<dyn ContentStore>,
) where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + BlockchainEvents<Block> + 'static,
	C::Api: DagAnchorApi<Block, BlockNumber> + DagAccountsApi<Block, AccountId, Balance>,
	BE: Backend<Block>,
{
	match content.check().await {
		Ok(store) => log::info!(target: LOG, "batch files go to the {store}"),
		Err(e) => log::warn!(target: LOG, "the batch file store is not usable yet: {e}"),
	}
	let mut finality = client.finality_notification_stream();
	let mut service = Anchoring {
		client,
		backend,
		dag,
		content,
		cut: BTreeMap::new(),
		retry_at: Instant::now(),
		backoff: Duration::from_secs(1),
	};
	while let Some(notification) = finality.next().await {
		let number = *notification.header.number();
		if let Err(e) = service.step(notification.hash, number).await {
			log::warn!(target: LOG, "at #{number}: {e}");
		}
	}
}

impl<C, BE> Anchoring<C, BE>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block>,
	C::Api: DagAnchorApi<Block, BlockNumber> + DagAccountsApi<Block, AccountId, Balance>,
	BE: Backend<Block>,
{
	async fn step(
		&mut self,
		at: <Block as sp_runtime::traits::Block>::Hash,
		number: BlockNumber,
	) -> Result<(), String> {
		let status = self.client.runtime_api().status(at).map_err(|e| e.to_string())?;
		if !self.mark_anchors(at, status.last_anchored).await? {
			return Ok(()); // Still catching up: cut once every anchor is marked.
		}
		let Some(window) = status.open else { return Ok(()) };
		if window.reference > number || self.cut.contains_key(&window.epoch) {
			return Ok(());
		}
		if Instant::now() < self.retry_at {
			return Ok(());
		}
		let batch = self.cut(window.epoch, window.reference, window.end_ms)?;
		let cid = if batch.txs.is_empty() {
			String::new()
		} else {
			match self.content.put(&batch.to_file()).await {
				Ok(cid) => cid,
				Err(e) => {
					self.retry_at = Instant::now() + self.backoff;
					self.backoff = (self.backoff * 2).min(Duration::from_secs(60));
					return Err(format!(
						"epoch {}: storing the batch failed, retrying in {:?}: {e}",
						window.epoch, self.backoff
					));
				},
			}
		};
		self.backoff = Duration::from_secs(1);
		let summary = batch.summary(&cid).ok_or("the CID does not fit a summary")?;
		let mut offchain =
			self.backend.offchain_storage().ok_or("the node has no off-chain database")?;
		// Persistent off-chain storage, which the worker's `StorageValueRef::persistent` reads.
		offchain.set(
			sc_offchain::STORAGE_PREFIX,
			&pallet_dag_anchor::summary_key(window.epoch),
			&summary.encode(),
		);
		log::info!(
			target: LOG,
			"epoch {}: cut {} transactions, root {}, {} accounts settled, CID {}",
			window.epoch,
			summary.count,
			sp_core::hexdisplay::HexDisplay::from(&summary.root),
			summary.settlement.len(),
			if cid.is_empty() { "-" } else { &cid },
		);
		self.cut.insert(window.epoch, batch);
		while self.cut.len() > KEEP_BATCHES {
			self.cut.pop_first();
		}
		Ok(())
	}

	/// The batch of `epoch` (ending at `end_ms`), against the micro-accounts at block
	/// `reference`.
	fn cut(&self, epoch: u32, reference: BlockNumber, end_ms: u64) -> Result<Batch, String> {
		let api = self.client.runtime_api();
		let reference = self
			.client
			.hash(reference)
			.map_err(|e| e.to_string())?
			.ok_or("the reference block is unknown")?;
		let candidates = self.dag.unanchored_before(end_ms);
		let mut locked = HashMap::new();
		for (_, tx) in &candidates {
			let mut accounts = vec![tx.essence.sender];
			if let itc_dag::Payload::Transfer { to, .. } = tx.essence.payload {
				accounts.push(to);
			}
			for account in accounts {
				if let std::collections::hash_map::Entry::Vacant(entry) = locked.entry(account) {
					let state = api.sender(reference, AccountId::from(account)).ok().flatten();
					entry.insert(state.map_or(0, |s| s.locked));
				}
			}
		}
		Ok(Batch::cut(
			self.dag.genesis(),
			epoch,
			end_ms,
			candidates.iter().map(|(id, tx)| (*id, tx)),
			&LockedView(locked),
		))
	}

	/// Marks the transactions of anchors up to `last` (at finalized block `at`) anchored;
	/// returns whether it got through all of them.
	async fn mark_anchors(
		&self,
		at: <Block as sp_runtime::traits::Block>::Hash,
		last: Option<u32>,
	) -> Result<bool, String> {
		let Some(last) = last else { return Ok(true) };
		let done =
			self.dag.meta(PROGRESS_KEY).and_then(|v| v.try_into().ok()).map(u32::from_le_bytes);
		let first = done.map_or(0, |d| d.saturating_add(1));
		if first > last {
			return Ok(true);
		}
		let until = last.min(first.saturating_add(CATCH_UP_PER_BLOCK - 1));
		let anchors = {
			let api = self.client.runtime_api();
			let mut anchors = Vec::new();
			for epoch in first..=until {
				if let Some(anchor) = api.anchor(at, epoch).map_err(|e| e.to_string())? {
					anchors.push((epoch, anchor));
				}
			}
			anchors
		};
		for (epoch, anchor) in anchors {
			self.mark(epoch, &anchor.root, anchor.count, &anchor.cid).await;
		}
		// Marks are idempotent: a crash before this write only repeats them.
		self.dag.set_meta(PROGRESS_KEY, &until.to_le_bytes())?;
		Ok(until == last)
	}

	/// Marks one anchor's transactions, from our own batch or the stored file.
	async fn mark(&self, epoch: u32, root: &[u8; 32], count: u32, cid: &[u8]) {
		if count == 0 {
			return;
		}
		let mut batch = self.cut.get(&epoch).filter(|b| b.root() == *root).cloned();
		if batch.is_none() {
			if let Ok(cid) = std::str::from_utf8(cid) {
				let file = self.content.get(cid).await.ok().flatten();
				batch = file
					.and_then(|file| Batch::from_file(&file))
					.filter(|b| b.root() == *root && b.epoch == epoch);
			}
		}
		let Some(batch) = batch else {
			log::warn!(
				target: LOG,
				"epoch {epoch}: anchored with a batch this node did not cut and does not store; \
				 its transactions stay unmarked here"
			);
			return;
		};
		match self.dag.mark_anchored(epoch, &batch.ids()) {
			Ok(marked) => {
				log::info!(target: LOG, "epoch {epoch}: anchored, {marked} of {count} transactions marked")
			},
			Err(e) => log::warn!(target: LOG, "epoch {epoch}: marking failed: {e}"),
		}
	}
}

/// Where a transaction is anchored and its proof, for `dag_proof`.
pub async fn proof<C>(
	client: &C,
	dag: &DagShared,
	content: &dyn ContentStore,
	id: &[u8; 32],
) -> Result<Option<(u32, Batch)>, String>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block>,
	C::Api: DagAnchorApi<Block, BlockNumber>,
{
	let Some(epoch) = dag.anchored_epoch(id) else { return Ok(None) };
	let at = client.info().finalized_hash;
	let anchor = client.runtime_api().anchor(at, epoch).map_err(|e| e.to_string())?;
	let Some(anchor) = anchor else { return Ok(None) };
	let cid = std::str::from_utf8(&anchor.cid).map_err(|_| "the anchor's CID is not text")?;
	let file = content
		.get(cid)
		.await?
		.ok_or_else(|| format!("batch {cid} is not in this node's store"))?;
	let batch = Batch::from_file(&file).ok_or("the stored batch file does not decode")?;
	if batch.root() != anchor.root {
		return Err("the stored batch does not match the anchor".into());
	}
	Ok(Some((epoch, batch)))
}
