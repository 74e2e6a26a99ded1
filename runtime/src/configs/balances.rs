//! `pallet_balances`: the ITC token.
//!
//! The supply is fixed at genesis: nothing here mints, and nothing burns. Transaction fees go
//! to the node-incentives pool's account (the next block's author receives them) and dust of
//! reaped accounts to the community fund, so total issuance stays 800,000,000 ITC.

use crate::{
	accounts, Balance, Balances, Runtime, RuntimeEvent, RuntimeFreezeReason, RuntimeHoldReason,
	MILLI_ITC,
};
use frame_support::{
	parameter_types,
	traits::{
		fungible::{Balanced, Credit},
		tokens::imbalance::{Imbalance, OnUnbalanced},
		ConstU32, VariantCountOf,
	},
};
use itc_primitives::AccountId;

parameter_types! {
	/// The least balance an account must hold to exist: 0.001 ITC.
	pub const ExistentialDeposit: Balance = MILLI_ITC;
}

/// Pays an amount into a pool account instead of burning it.
fn pay_into(pool: AccountId, amount: Credit<AccountId, Balances>) {
	if let Err(unpaid) = Balances::resolve(&pool, amount) {
		// The pools are endowed at genesis far above the existential deposit, so resolving into
		// them cannot fail; if it ever did the amount would be burned, which we report.
		frame_support::defensive!("pool account rejected a credit", unpaid.peek());
	}
}

/// Transaction fees and tips go to the node-incentives pool's account, free; the next block's
/// author receives them (`pallet_edge_mining`, `reward_author`).
pub struct ToNodeIncentives;
impl OnUnbalanced<Credit<AccountId, Balances>> for ToNodeIncentives {
	fn on_nonzero_unbalanced(amount: Credit<AccountId, Balances>) {
		pay_into(accounts::node_incentives(), amount);
	}
}

/// Dust left when an account is reaped goes to the community fund.
pub struct ToCommunityFund;
impl OnUnbalanced<Credit<AccountId, Balances>> for ToCommunityFund {
	fn on_nonzero_unbalanced(amount: Credit<AccountId, Balances>) {
		pay_into(accounts::community_fund(), amount);
	}
}

impl pallet_balances::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type WeightInfo = pallet_balances::weights::SubstrateWeight<Runtime>;
	type Balance = Balance;
	type DustRemoval = ToCommunityFund;
	type ExistentialDeposit = ExistentialDeposit;
	type AccountStore = frame_system::Pallet<Runtime>;
	type ReserveIdentifier = [u8; 8];
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxLocks = ConstU32<50>;
	type MaxReserves = ConstU32<50>;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type DoneSlashHandler = ();
}
