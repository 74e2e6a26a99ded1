//! Follows the chain while a run goes on: every new best and finalized block (polled every
//! 20 ms, so times are good to about that), which of the run's extrinsics each holds, when
//! each was first seen in a best block and when in a finalized one.

use crate::rpc::{Rpc, RpcError};
use codec::Decode;
use frame_support::dispatch::DispatchClass;
use itc_runtime::{Hash, Header, Runtime, RuntimeCall, UncheckedExtrinsic};
use sp_runtime::traits::Header as _;
use std::{
	collections::HashMap,
	sync::{Arc, Mutex},
	time::{Duration, Instant},
};

/// How often the chain is polled.
pub const POLL: Duration = Duration::from_millis(20);

/// One extrinsic of the run.
#[derive(Clone, Default)]
pub struct Sent {
	/// When it was first submitted.
	pub submitted: Option<Instant>,
	/// Whether the pool took it.
	pub accepted: bool,
	/// When a best block holding it was first seen.
	pub included: Option<Instant>,
	/// When a finalized block holding it was first seen.
	pub finalized: Option<Instant>,
}

/// A block seen during the run.
#[derive(Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BlockSeen {
	/// Its number.
	pub number: u32,
	/// Its timestamp (the slot's start), ms since the epoch.
	pub timestamp_ms: u64,
	/// The run's extrinsics in it.
	pub ours: u32,
	/// All its extrinsics, inherents included.
	pub extrinsics: u32,
	/// Normal-class weight used, as a fraction of the normal-class limit.
	pub normal_fullness: f64,
	/// The finality lag when it was first seen: best number − finalized number.
	pub lag: u32,
}

#[derive(Default)]
struct State {
	sent: HashMap<Hash, Sent>,
	headers: HashMap<Hash, Header>,
	contents: HashMap<Hash, Vec<Hash>>,
	blocks: Vec<BlockSeen>,
	/// Accepted and not yet seen in a block.
	waiting: usize,
	best: Option<Hash>,
	finalized: Option<Hash>,
	finalized_number: u32,
}

/// The shared record of a run.
#[derive(Clone, Default)]
pub struct Tracker(Arc<Mutex<State>>);

impl Tracker {
	/// Notes the submission of `hash` (the first one counts).
	pub fn submitted(&self, hash: Hash) {
		let mut state = self.0.lock().expect("not poisoned");
		let entry = state.sent.entry(hash).or_default();
		entry.submitted.get_or_insert_with(Instant::now);
	}

	/// Notes that the pool accepted `hash`.
	pub fn accepted(&self, hash: Hash) {
		let mut state = self.0.lock().expect("not poisoned");
		if let Some(sent) = state.sent.get_mut(&hash) {
			let newly_waiting = !sent.accepted && sent.included.is_none();
			sent.accepted = true;
			state.waiting += usize::from(newly_waiting);
		}
	}

	/// Accepted extrinsics not yet seen in a block: the run's share of the pool.
	pub fn waiting(&self) -> usize {
		self.0.lock().expect("not poisoned").waiting
	}

	/// Every extrinsic of the run so far.
	pub fn sent(&self) -> Vec<Sent> {
		self.0.lock().expect("not poisoned").sent.values().cloned().collect()
	}

	/// Every block seen so far, in order of number.
	pub fn blocks(&self) -> Vec<BlockSeen> {
		let mut blocks = self.0.lock().expect("not poisoned").blocks.clone();
		blocks.sort_by_key(|b| b.number);
		blocks
	}

	/// Accepted extrinsics not yet in a finalized block.
	pub fn unfinalized(&self) -> usize {
		let state = self.0.lock().expect("not poisoned");
		state.sent.values().filter(|s| s.accepted && s.finalized.is_none()).count()
	}

	/// Polls the chain until `stop` is set.
	pub async fn follow(
		&self,
		rpc: Rpc,
		normal_limit: u64,
		stop: Arc<std::sync::atomic::AtomicBool>,
	) {
		use std::sync::atomic::Ordering;
		while !stop.load(Ordering::Relaxed) {
			if let Err(e) = self.poll(&rpc, normal_limit).await {
				eprintln!("itc-load: following the chain: {e}");
			}
			tokio::time::sleep(POLL).await;
		}
	}

	async fn poll(&self, rpc: &Rpc, normal_limit: u64) -> Result<(), RpcError> {
		let (best, finalized) = (rpc.best().await?, rpc.finalized().await?);
		let (known_best, known_finalized) = {
			let state = self.0.lock().expect("not poisoned");
			(state.best, state.finalized)
		};
		if known_best != Some(best) {
			for hash in self.fetch_back(rpc, best, normal_limit).await? {
				self.mark(hash, |sent, now| {
					sent.included.get_or_insert(now);
				});
			}
			self.0.lock().expect("not poisoned").best = Some(best);
		}
		if known_finalized != Some(finalized) {
			let stop = self.0.lock().expect("not poisoned").finalized_number;
			let mut at = finalized;
			let mut newly = Vec::new();
			loop {
				let header = self.header(rpc, at, normal_limit).await?;
				if *header.number() <= stop && known_finalized.is_some() {
					break;
				}
				newly.push(at);
				// The first finalized block seen: nothing before it is the run's.
				if *header.number() == 0 || known_finalized.is_none() {
					break;
				}
				at = *header.parent_hash();
			}
			for hash in newly {
				self.mark(hash, |sent, now| {
					sent.included.get_or_insert(now);
					sent.finalized.get_or_insert(now);
				});
			}
			let number = *self.header(rpc, finalized, normal_limit).await?.number();
			let mut state = self.0.lock().expect("not poisoned");
			state.finalized = Some(finalized);
			state.finalized_number = number;
		}
		Ok(())
	}

	/// Applies `update` to the run's extrinsics in block `at`.
	fn mark(&self, at: Hash, update: impl Fn(&mut Sent, Instant)) {
		let now = Instant::now();
		let mut state = self.0.lock().expect("not poisoned");
		let ids = state.contents.get(&at).cloned().unwrap_or_default();
		let mut left = 0;
		for id in ids {
			if let Some(sent) = state.sent.get_mut(&id) {
				let waited = sent.accepted && sent.included.is_none();
				update(sent, now);
				if waited && sent.included.is_some() {
					left += 1;
				}
			}
		}
		state.waiting = state.waiting.saturating_sub(left);
	}

	/// Fetches `from` and its ancestors back to a known block; the new ones, oldest last.
	async fn fetch_back(
		&self,
		rpc: &Rpc,
		from: Hash,
		normal_limit: u64,
	) -> Result<Vec<Hash>, RpcError> {
		let mut new = Vec::new();
		let mut at = from;
		let first = self.0.lock().expect("not poisoned").best.is_none();
		loop {
			if self.0.lock().expect("not poisoned").headers.contains_key(&at) {
				break;
			}
			let header = self.header(rpc, at, normal_limit).await?;
			new.push(at);
			// Blocks from before the run started are not followed further back.
			if first || new.len() > 64 || *header.number() == 0 {
				break;
			}
			at = *header.parent_hash();
		}
		Ok(new)
	}

	/// The header of `at`, fetching and recording the block the first time.
	async fn header(&self, rpc: &Rpc, at: Hash, normal_limit: u64) -> Result<Header, RpcError> {
		if let Some(header) = self.0.lock().expect("not poisoned").headers.get(&at) {
			return Ok(header.clone());
		}
		let (header, extrinsics) = rpc.block(at).await?;
		let weight = block_weight(rpc, at).await?;
		let mut state = self.0.lock().expect("not poisoned");
		let ids: Vec<Hash> = extrinsics.iter().map(|x| crate::sign::hash(x)).collect();
		let ours = ids.iter().filter(|id| state.sent.contains_key(*id)).count() as u32;
		let best_number = state.best.and_then(|b| state.headers.get(&b)).map(|h| *h.number());
		let lag = best_number.unwrap_or(*header.number()).saturating_sub(state.finalized_number);
		state.blocks.push(BlockSeen {
			number: *header.number(),
			timestamp_ms: extrinsics.iter().take(2).find_map(|x| timestamp(x)).unwrap_or_default(),
			ours,
			extrinsics: extrinsics.len() as u32,
			normal_fullness: weight as f64 / normal_limit.max(1) as f64,
			lag,
		});
		state.contents.insert(at, ids);
		state.headers.insert(at, header.clone());
		Ok(header)
	}
}

/// The `timestamp.set` inherent's time, if `extrinsic` is it.
fn timestamp(extrinsic: &[u8]) -> Option<u64> {
	match UncheckedExtrinsic::decode(&mut &extrinsic[..]).ok()?.function {
		RuntimeCall::Timestamp(pallet_timestamp::Call::set { now }) => Some(now),
		_ => None,
	}
}

/// The normal-class weight (ref time) block `at` used.
async fn block_weight(rpc: &Rpc, at: Hash) -> Result<u64, RpcError> {
	let key = frame_system::BlockWeight::<Runtime>::hashed_key();
	let value = rpc
		.call("state_getStorage", serde_json::json!([sp_core::bytes::to_hex(&key, false), at]))
		.await?;
	let Some(hex) = value.as_str() else { return Ok(0) };
	let raw = sp_core::bytes::from_hex(hex).unwrap_or_default();
	let weight =
		frame_support::dispatch::PerDispatchClass::<sp_runtime::Weight>::decode(&mut &raw[..]);
	Ok(weight.map(|w| w.get(DispatchClass::Normal).ref_time()).unwrap_or_default())
}
