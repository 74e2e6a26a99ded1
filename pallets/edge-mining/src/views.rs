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
		let budget = Self::era_budget(Pool::Mining, era);
		let market_budget =
			Self::market_budget(budget.saturated_into(), summary.total_fees.saturated_into());
		EraStatus {
			era,
			budget,
			reports: summary.reports,
			total_score: summary.total_score,
			paid: summary.paid,
			reporting: era.saturating_add(1) == Self::current_era(),
			total_fees: summary.total_fees,
			market_budget: market_budget.saturated_into(),
		}
	}

	/// What `device` is set to earn for its report on `era`, until the report is paid;
	/// `None` if there is no such report (not submitted, or already paid).
	pub fn estimated_reward(
		device: DeviceCode,
		era: EraIndex,
	) -> Option<RewardEstimate<BalanceOf<T>>> {
		let report = Reports::<T>::get(era, device)?;
		let summary = Eras::<T>::get(era);
		let reward = Self::reward_of(&report, &summary, Self::era_budget(Pool::Mining, era));
		Some(RewardEstimate {
			score: report.score,
			total_score: summary.total_score,
			market_fees: report.market_fees,
			total_fees: summary.total_fees,
			reward,
		})
	}
}
