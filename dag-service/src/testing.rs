//! A chain in memory for the service's tests.

use crate::{
	chain::{DagChain, Sender},
	Error,
};
use itc_dag::anchor::AnchorSummary;
use pallet_dag_anchor::{Anchor, AnchorStatus, EpochWindow};
use sp_core::H256;
use sp_runtime::{generic, traits::BlakeTwo256, OpaqueExtrinsic};
use std::{
	collections::HashMap,
	sync::{
		atomic::{AtomicUsize, Ordering},
		Mutex,
	},
};

pub type TestBlock = generic::Block<generic::Header<u32, BlakeTwo256>, OpaqueExtrinsic>;

pub const GENESIS: [u8; 32] = [5; 32];
pub const T0: u64 = 1_800_000_000_000;

/// A chain in memory: block `n`'s hash is `n` in the last bytes. Every account is an active
/// device with 1,000 plancks locked and held through any block, unless `accounts` says
/// otherwise (its state, or `None` for an account that is not a device, and what it holds
/// through the deadline).
#[derive(Default)]
pub struct MemChain {
	pub accounts: Mutex<HashMap<[u8; 32], (Option<Sender>, u128)>>,
	/// Runtime calls about accounts (`sender`, `held_through`, `next_seq`) made so far.
	pub account_reads: AtomicUsize,
	pub finalized: Mutex<u32>,
	pub status: Mutex<Option<AnchorStatus<u32>>>,
	pub anchors: Mutex<HashMap<u32, Anchor<u32>>>,
	pub next_seq: Mutex<HashMap<[u8; 32], u64>>,
	pub summaries: Mutex<HashMap<u32, Vec<u8>>>,
}

pub fn hash(n: u32) -> H256 {
	H256::from_low_u64_be(u64::from(n))
}

impl DagChain<TestBlock> for MemChain {
	fn finalized(&self) -> H256 {
		hash(*self.finalized.lock().unwrap())
	}
	fn hash(&self, number: u32) -> Result<Option<H256>, Error> {
		Ok((number <= *self.finalized.lock().unwrap()).then(|| hash(number)))
	}
	fn sender(&self, _: H256, account: [u8; 32]) -> Result<Option<Sender>, Error> {
		self.account_reads.fetch_add(1, Ordering::Relaxed);
		Ok(self.account(&account).0)
	}
	fn held_through(&self, _: H256, account: [u8; 32], _: u32) -> Result<u128, Error> {
		self.account_reads.fetch_add(1, Ordering::Relaxed);
		Ok(self.account(&account).1)
	}
	fn next_seq(&self, _: H256, account: [u8; 32]) -> Result<u64, Error> {
		self.account_reads.fetch_add(1, Ordering::Relaxed);
		Ok(self.next_seq.lock().unwrap().get(&account).copied().unwrap_or(0))
	}
	fn status(&self, _: H256) -> Result<AnchorStatus<u32>, Error> {
		Ok(self.status.lock().unwrap().clone().expect("set by the test"))
	}
	fn anchor(&self, _: H256, epoch: u32) -> Result<Option<Anchor<u32>>, Error> {
		Ok(self.anchors.lock().unwrap().get(&epoch).cloned())
	}
	fn leave_summary(&self, epoch: u32, summary: &[u8]) -> Result<(), Error> {
		self.summaries.lock().unwrap().insert(epoch, summary.to_vec());
		Ok(())
	}
}

impl MemChain {
	fn account(&self, account: &[u8; 32]) -> (Option<Sender>, u128) {
		let device = (Some(Sender { locked: 1_000, unlocking: 0, active: true }), 1_000);
		self.accounts.lock().unwrap().get(account).cloned().unwrap_or(device)
	}

	pub fn open(&self, epoch: u32, reference: u32, last_anchored: Option<u32>) {
		*self.status.lock().unwrap() = Some(AnchorStatus {
			open: Some(EpochWindow {
				epoch,
				reference,
				deadline: reference + 20,
				end_ms: T0 + 1_000,
			}),
			last_anchored,
			next_epoch: epoch,
			epoch_length_ms: 1_000,
			validators: 4,
			threshold: 3,
		});
	}

	pub fn summary(&self, epoch: u32) -> Option<AnchorSummary<[u8; 32]>> {
		let bytes = self.summaries.lock().unwrap().get(&epoch).cloned()?;
		codec::Decode::decode(&mut &bytes[..]).ok()
	}

	/// Anchors `summary` as the chain would: stores the anchor and moves the watermarks.
	pub fn anchor_summary(&self, summary: &AnchorSummary<[u8; 32]>) {
		let anchor = Anchor {
			root: summary.root,
			count: summary.count,
			cid: summary.cid.clone(),
			summary_hash: [0; 32],
			at: 0,
		};
		self.anchors.lock().unwrap().insert(summary.epoch, anchor);
		for range in &summary.senders {
			self.next_seq.lock().unwrap().insert(range.account, range.next);
		}
	}
}
