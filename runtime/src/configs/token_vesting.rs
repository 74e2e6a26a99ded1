//! `pallet_token_vesting`: the team tranches and community grants, on wall-clock milestones.

use crate::{Balance, Balances, ChainClock, Runtime, RuntimeFreezeReason, ITC};
use frame_support::parameter_types;
use frame_system::EnsureRoot;
use itc_primitives::{time::MONTH_MS, Moment};

parameter_types! {
	/// Grants are at least 100 ITC per milestone: filling the slots a signed transfer may fill
	/// costs 2,400 ITC, all of which the beneficiary receives (docs/TOKENOMICS.md).
	pub const MinMilestoneAmount: Balance = 100 * ITC;
	/// Enough for monthly tranches over four years.
	pub const MaxMilestones: u32 = 48;
	/// Half the slots: the other half only governance's grants can fill.
	pub const MaxSignedMilestones: u32 = 24;
	/// Five years: the team's 36 months and four years of monthly grants fit.
	pub const MaxVestingHorizon: Moment = 60 * MONTH_MS;
}

impl pallet_token_vesting::Config for Runtime {
	type Currency = Balances;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type Clock = ChainClock;
	type ForceOrigin = EnsureRoot<crate::AccountId>;
	type MinMilestoneAmount = MinMilestoneAmount;
	type MaxMilestones = MaxMilestones;
	type MaxSignedMilestones = MaxSignedMilestones;
	type MaxVestingHorizon = MaxVestingHorizon;
	type WeightInfo = pallet_token_vesting::weights::SubstrateWeight<Runtime>;
}
