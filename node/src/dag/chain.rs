//! What the graph needs from the chain, read through the runtime API at the finalized block.

use itc_dag::graph::ChainView;
use itc_runtime::opaque::Hash;
use itc_runtime::{opaque::Block, AccountId, Balance};
use pallet_dag_accounts::runtime_api::DagAccountsApi;
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
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
	inner: Mutex<(Option<Hash>, HashMap<[u8; 32], SenderState>)>,
}

impl SenderCache {
	/// The most senders remembered.
	pub const CAPACITY: usize = 1 << 20;

	/// The states of `senders` at `client`'s finalized block. A sender the runtime does not
	/// know as a device is inactive with nothing locked; an API failure counts the same.
	pub fn snapshot<C>(&self, client: &C, senders: impl IntoIterator<Item = [u8; 32]>) -> Snapshot
	where
		C: ProvideRuntimeApi<Block> + HeaderBackend<Block>,
		C::Api: DagAccountsApi<Block, AccountId, Balance>,
	{
		let at = client.info().finalized_hash;
		let mut states = HashMap::new();
		let mut missing = Vec::new();
		{
			let mut inner = self.inner.lock().expect("never poisoned");
			if inner.0 != Some(at) || inner.1.len() >= Self::CAPACITY {
				*inner = (Some(at), HashMap::new());
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
		let api = client.runtime_api();
		let mut fetched = Vec::new();
		for sender in missing {
			if states.contains_key(&sender) {
				continue;
			}
			let state = api.sender(at, AccountId::from(sender)).ok().flatten();
			let state = state.map_or((0, false), |s| (s.locked, s.active));
			states.insert(sender, state);
			fetched.push((sender, state));
		}
		let mut inner = self.inner.lock().expect("never poisoned");
		if inner.0 == Some(at) {
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
