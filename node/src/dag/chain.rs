//! What the graph needs from the chain, read through the runtime API at the finalized block.

use itc_dag::graph::ChainView;
use itc_runtime::{opaque::Block, AccountId, Balance};
use pallet_dag_accounts::runtime_api::DagAccountsApi;
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use std::collections::HashMap;

/// Sender states fetched for one batch: every sender of the batch, looked up once.
#[derive(Default)]
pub struct Snapshot {
	senders: HashMap<[u8; 32], (u128, bool)>,
}

impl Snapshot {
	/// The states of `senders` at `client`'s finalized block. A sender the runtime does not
	/// know as a device is inactive with nothing locked; an API failure counts the same.
	pub fn fetch<C>(client: &C, senders: impl IntoIterator<Item = [u8; 32]>) -> Self
	where
		C: ProvideRuntimeApi<Block> + HeaderBackend<Block>,
		C::Api: DagAccountsApi<Block, AccountId, Balance>,
	{
		let at = client.info().finalized_hash;
		let api = client.runtime_api();
		let mut states = HashMap::new();
		for sender in senders {
			if states.contains_key(&sender) {
				continue;
			}
			let state = api.sender(at, AccountId::from(sender)).ok().flatten();
			states.insert(sender, state.map_or((0, false), |s| (s.locked, s.active)));
		}
		Self { senders: states }
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
