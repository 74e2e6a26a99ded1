//! What the runtime API reads: the emission, an era, a device's estimated reward.

use crate::*;
use itc_primitives::{device::DeviceCode, mining::EraIndex};
use sp_runtime::SaturatedConversion;

impl<T: Config> Pallet<T> {
	/// Both pools and the current era's budgets.
	pub fn emission_status() -> EmissionStatus<BalanceOf<T>> {
		let current_era = Self::current_era();
		EmissionStatus {
			current_era,
			era_length_ms: EraLength::<T>::get(),
			mining_remaining: Self::remaining(Pool::Mining),
			mining_paid: Emission::<T>::get(Pool::Mining).paid,
			mining_era_budget: Self::era_budget(Pool::Mining, current_era),
			node_remaining: Self::remaining(Pool::NodeIncentives),
			node_era_budget: Self::era_budget(Pool::NodeIncentives, current_era),
		}
	}

	/// Era `era`'s budget, reports and payouts.
	pub fn era_status(era: EraIndex) -> EraStatus<BalanceOf<T>> {
		let summary = Eras::<T>::get(era);
		EraStatus {
			era,
			budget: Self::era_budget(Pool::Mining, era),
			reports: summary.reports,
			total_score: summary.total_score,
			paid: summary.paid,
			reporting: era.saturating_add(1) == Self::current_era(),
		}
	}

	/// What `device` is set to earn for its report on `era`, until the report is paid;
	/// `None` if there is no such report (not submitted, or already paid).
	pub fn estimated_reward(
		device: DeviceCode,
		era: EraIndex,
	) -> Option<RewardEstimate<BalanceOf<T>>> {
		let report = Reports::<T>::get(era, device)?;
		let total_score = Eras::<T>::get(era).total_score;
		let budget = Self::era_budget(Pool::Mining, era).saturated_into();
		let reward = scoring::reward(budget, report.score, total_score).saturated_into();
		Some(RewardEstimate { score: report.score, total_score, reward })
	}
}
