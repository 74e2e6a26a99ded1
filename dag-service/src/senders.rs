//! What admission needs from the chain: each sender's state at the finalized block, read
//! through [`DagChain`] once per sender and finalized block.

use crate::chain::DagChain;
use codec::Encode;
use itc_dag::graph::ChainView;
use sp_runtime::traits::Block as BlockT;
use std::{collections::HashMap, sync::Mutex};

/// A sender's state at the finalized block: plancks locked, whether an active device.
type SenderState = (u128, bool);

/// Sender states fetched for one batch: every sender of the batch, looked up once.
#[derive(Default)]
pub struct Snapshot {
	senders: HashMap<[u8; 32], SenderState>,
}

/// Sender states already read at the current finalized block: a runtime call costs tens of
/// microseconds, as much as verifying a signature, and the same devices send again and again
/// between two finalized blocks. Cleared when the finalized block changes (or past
/// [`SenderCache::CAPACITY`] entries).
#[derive(Default)]
pub struct SenderCache {
	/// The finalized block (encoded hash) the states were read at, and the states.
	inner: Mutex<(Vec<u8>, HashMap<[u8; 32], SenderState>)>,
}

impl SenderCache {
	/// The most senders remembered.
	pub const CAPACITY: usize = 1 << 20;

	/// The states of `senders` at `chain`'s finalized block. A sender the runtime does not
	/// know as a device is inactive with nothing locked; a failed runtime call counts the same
	/// (admission refuses rather than accepts on doubt).
	pub fn snapshot<B: BlockT>(
		&self,
		chain: &impl DagChain<B>,
		senders: impl IntoIterator<Item = [u8; 32]>,
	) -> Snapshot {
		let at = chain.finalized();
		let key = at.encode();
		let mut states = HashMap::new();
		let mut missing = Vec::new();
		{
			let mut inner = self.inner.lock().expect("never poisoned");
			if inner.0 != key || inner.1.len() >= Self::CAPACITY {
				*inner = (key.clone(), HashMap::new());
			}
			for sender in senders {
				match inner.1.get(&sender) {
					Some(state) => {
						states.insert(sender, *state);
					},
					None => missing.push(sender),
				}
			}
		}
		if missing.is_empty() {
			return Snapshot { senders: states };
		}
		let mut fetched = Vec::new();
		for sender in missing {
			if states.contains_key(&sender) {
				continue;
			}
			let state = chain.sender(at, sender).ok().flatten();
			let state = state.map_or((0, false), |s| (s.locked, s.active));
			states.insert(sender, state);
			fetched.push((sender, state));
		}
		let mut inner = self.inner.lock().expect("never poisoned");
		if inner.0 == key {
			inner.1.extend(fetched);
		}
		Snapshot { senders: states }
	}
}

impl ChainView for Snapshot {
	fn locked(&self, account: &[u8; 32]) -> u128 {
		self.senders.get(account).map_or(0, |s| s.0)
	}
	fn is_active(&self, account: &[u8; 32]) -> bool {
		self.senders.get(account).is_some_and(|s| s.1)
	}
}
