//! Runtime API of the edge-mining pallet.

use crate::{EmissionStatus, EraStatus, RewardEstimate};
use codec::Codec;
use itc_primitives::{device::DeviceCode, mining::EraIndex};

sp_api::decl_runtime_apis! {
	/// The emission, eras and device rewards.
	///
	/// Version 2 (runtime spec 112): `EraStatus` gains `total_fees` and `market_budget`, and
	/// `RewardEstimate` gains `market_fees` and `total_fees`, for the market part of the
	/// budget; the calls are unchanged.
	#[api_version(2)]
	pub trait EdgeMiningApi<Balance>
	where
		Balance: Codec,
	{
		/// The current era, what both pools hold and paid, and the current era's budgets.
		fn emission_status() -> EmissionStatus<Balance>;
		/// An era's budget, reports, total score and payouts.
		fn era_status(era: EraIndex) -> EraStatus<Balance>;
		/// A device's estimated reward for its report on `era`, until it is paid.
		fn estimated_reward(device: DeviceCode, era: EraIndex) -> Option<RewardEstimate<Balance>>;
	}
}
