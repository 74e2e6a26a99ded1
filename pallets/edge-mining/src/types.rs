//! Types of the edge-mining pallet.

use crate::{Config, HoldReason};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::traits::fungible::Inspect;
use itc_primitives::mining::EraIndex;
use scale_info::TypeInfo;

/// Balance of the pallet's currency.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// The two pools this pallet pays from.
#[derive(
	Copy,
	Clone,
	Eq,
	PartialEq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum Pool {
	/// The mining-reward pool: pays devices.
	Mining,
	/// The node-incentive pool: pays block authors.
	NodeIncentives,
}

impl From<Pool> for HoldReason {
	fn from(pool: Pool) -> Self {
		match pool {
			Pool::Mining => HoldReason::MiningPool,
			Pool::NodeIncentives => HoldReason::NodeIncentives,
		}
	}
}

/// A pool's emission: what it held at genesis and what it has paid since. What it holds now
/// is `initial − paid`.
#[derive(Clone, Default, Eq, PartialEq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct PoolState<Balance> {
	/// Held at genesis: the emission curve is computed over this.
	pub initial: Balance,
	/// Paid out since.
	pub paid: Balance,
}

/// A device's accepted report for an era, and its score.
#[derive(Clone, Default, Eq, PartialEq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct ScoredReport<Balance> {
	/// The claim score ([`crate::scoring`]): weighted claim points within the allowance its
	/// manufacturer's stake gives it.
	pub score: u32,
	/// Uptime reported, parts per million.
	pub uptime_ppm: u32,
	/// Records reported.
	pub records: u64,
	/// Records anchored for the device ([`itc_primitives::mining::WorkEvidence`]).
	pub anchored: u64,
	/// The coverage cell reported (recorded; it does not score, see `docs/EDGE_MINING.md`).
	pub coverage_cell: Option<u64>,
	/// Market fees of the device's data sales settled in the era
	/// ([`itc_primitives::mining::MarketEvidence`]).
	pub market_fees: Balance,
}

/// An era's reports and payouts.
#[derive(Clone, Default, Eq, PartialEq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct EraSummary<Balance> {
	/// Reports accepted.
	pub reports: u32,
	/// Sum of their scores.
	pub total_score: u64,
	/// Rewards paid so far.
	pub paid: Balance,
	/// Sum of their market fees.
	pub total_fees: Balance,
}

/// Why a device's share of an era stayed in the pool.
#[derive(
	Copy,
	Clone,
	Eq,
	PartialEq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum ForfeitReason {
	/// The device was no longer active (suspended, decommissioned, manufacturer frozen) when
	/// its payout came.
	Inactive,
	/// The transfer failed: the share is below the existential deposit of an empty account.
	Undeliverable,
}

/// The emission as the runtime API reports it.
#[derive(Clone, Eq, PartialEq, Encode, Decode, TypeInfo, Debug)]
pub struct EmissionStatus<Balance> {
	/// The current era.
	pub current_era: EraIndex,
	/// Milliseconds per era.
	pub era_length_ms: u64,
	/// What the mining pool still holds.
	pub mining_remaining: Balance,
	/// What it has paid devices.
	pub mining_paid: Balance,
	/// What devices share for the current era's work.
	pub mining_era_budget: Balance,
	/// What the node-incentive pool still holds (not counting fees sent to its account).
	pub node_remaining: Balance,
	/// What block authors share in the current era.
	pub node_era_budget: Balance,
}

/// An era as the runtime API reports it.
#[derive(Clone, Eq, PartialEq, Encode, Decode, TypeInfo, Debug)]
pub struct EraStatus<Balance> {
	/// The era.
	pub era: EraIndex,
	/// What its devices share.
	pub budget: Balance,
	/// Reports accepted.
	pub reports: u32,
	/// Sum of their scores.
	pub total_score: u64,
	/// Rewards paid so far.
	pub paid: Balance,
	/// Whether reports are still taken (it is the last era).
	pub reporting: bool,
	/// Sum of the reports' market fees.
	pub total_fees: Balance,
	/// The part of the budget paid for market fees ([`crate::scoring::market_budget`]).
	pub market_budget: Balance,
}

/// A device's reward for an era as the runtime API estimates it.
#[derive(Clone, Eq, PartialEq, Encode, Decode, TypeInfo, Debug)]
pub struct RewardEstimate<Balance> {
	/// The device's score.
	pub score: u32,
	/// The era's total score so far.
	pub total_score: u64,
	/// The device's market fees.
	pub market_fees: Balance,
	/// The era's total market fees so far.
	pub total_fees: Balance,
	/// The reward by [`crate::scoring::reward`] now. While reports are still taken the totals
	/// can only grow, so the claims part can only shrink; the market part can grow with the
	/// fees of later reports, up to the market's share.
	pub reward: Balance,
}
