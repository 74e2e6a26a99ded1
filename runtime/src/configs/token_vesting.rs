//! `pallet_token_vesting`: the team tranches and community grants, on wall-clock milestones.

use crate::{Balance, Balances, ChainClock, Runtime, RuntimeFreezeReason, ITC};
use frame_support::parameter_types;
use frame_system::EnsureRoot;

parameter_types! {
	/// Grants are at least 1 ITC per milestone.
	pub const MinMilestoneAmount: Balance = ITC;
	/// Enough for monthly tranches over four years.
	pub const MaxMilestones: u32 = 48;
}

impl pallet_token_vesting::Config for Runtime {
	type Currency = Balances;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type Clock = ChainClock;
	type ForceOrigin = EnsureRoot<crate::AccountId>;
	type MinMilestoneAmount = MinMilestoneAmount;
	type MaxMilestones = MaxMilestones;
	type WeightInfo = pallet_token_vesting::weights::SubstrateWeight<Runtime>;
}
