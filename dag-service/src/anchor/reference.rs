//! The chain at an epoch's reference block, as the cut reads it: whether each account is a
//! device and an active one, its DAG funds held through the epoch's deadline, and its
//! sequence watermark. An account that is not a device costs one runtime call: nothing of it
//! is cut, and nothing can be credited to it.

use crate::{chain::DagChain, Error};
use itc_dag::{batch::ChainAt, Payload};
use sp_runtime::traits::{Block as BlockT, NumberFor};
use std::collections::{hash_map::Entry, HashMap};

/// An account at the reference block.
#[derive(Clone, Copy, Debug, Default, Eq, PartialEq)]
pub struct AccountAt {
	/// Whether it is a device's account.
	pub device: bool,
	/// Plancks held through the epoch's deadline (0 without a micro-account).
	pub funds: u128,
	/// Whether it has a micro-account that can be credited: something held through the
	/// deadline, which also keeps the account alive until settlement (a hold is a consumer
	/// reference), so a credit to it cannot fail.
	pub micro_account: bool,
	/// Whether it is an active device of an approved manufacturer.
	pub active: bool,
	/// Its first sequence number not settled.
	pub next_seq: u64,
}

/// The accounts a cut touches, read once each at the reference block.
#[derive(Default)]
pub struct ReferenceView(pub HashMap<[u8; 32], AccountAt>);

impl ReferenceView {
	/// Reads every sender and recipient of `txs` at `at`, their funds held through block
	/// `deadline` (the epoch's). A failed read fails the whole view: a validator must not cut
	/// another batch than the others because a call failed.
	pub fn read<'a, B: BlockT>(
		chain: &impl DagChain<B>,
		at: B::Hash,
		deadline: NumberFor<B>,
		txs: impl IntoIterator<Item = &'a itc_dag::DagTx>,
	) -> Result<Self, Error> {
		let mut view = HashMap::new();
		for tx in txs {
			let mut accounts = vec![tx.essence.sender];
			if let Payload::Transfer { to, .. } = tx.essence.payload {
				accounts.push(to);
			}
			for account in accounts {
				if let Entry::Vacant(entry) = view.entry(account) {
					let Some(state) = chain.sender(at, account)? else {
						entry.insert(AccountAt::default());
						continue;
					};
					let funds = chain.held_through(at, account, deadline)?;
					entry.insert(AccountAt {
						device: true,
						funds,
						micro_account: funds > 0,
						active: state.active,
						next_seq: chain.next_seq(at, account)?,
					});
				}
			}
		}
		Ok(Self(view))
	}
}

impl ChainAt for ReferenceView {
	fn is_device(&self, account: &[u8; 32]) -> bool {
		self.0.get(account).is_some_and(|a| a.device)
	}
	fn has_micro_account(&self, account: &[u8; 32]) -> bool {
		self.0.get(account).is_some_and(|a| a.micro_account)
	}
	fn funds(&self, account: &[u8; 32]) -> u128 {
		self.0.get(account).map_or(0, |a| a.funds)
	}
	fn is_active(&self, account: &[u8; 32]) -> bool {
		self.0.get(account).is_some_and(|a| a.active)
	}
	fn next_seq(&self, account: &[u8; 32]) -> u64 {
		self.0.get(account).map_or(0, |a| a.next_seq)
	}
}
