//! Invariants checked by `try_state` and after every unit test.

use crate::*;
use frame_support::{ensure, traits::fungible::InspectFreeze};
use sp_runtime::traits::Zero;

impl<T: Config> Pallet<T> {
	/// Check every invariant of the pallet.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		for (who, schedule) in ScheduleOf::<T>::iter() {
			Self::try_state_schedule_well_formed(&schedule)?;
			Self::try_state_frozen_matches_schedule(&who, &schedule)?;
		}
		Ok(())
	}

	/// A stored schedule is not empty, is strictly ordered by time (milestones at one moment
	/// share a slot), and carries no zero milestone.
	fn try_state_schedule_well_formed(
		schedule: &[Milestone<BalanceOf<T>>],
	) -> Result<(), sp_runtime::TryRuntimeError> {
		ensure!(!schedule.is_empty(), "empty schedule in storage");
		ensure!(schedule.windows(2).all(|w| w[0].at < w[1].at), "schedule out of order");
		ensure!(schedule.iter().all(|m| !m.amount.is_zero()), "zero milestone");
		Ok(())
	}

	/// The vesting freeze on an account equals the sum of its stored milestones: nothing
	/// vests early and nothing stays frozen after its milestone is vested.
	fn try_state_frozen_matches_schedule(
		who: &T::AccountId,
		schedule: &[Milestone<BalanceOf<T>>],
	) -> Result<(), sp_runtime::TryRuntimeError> {
		let frozen = T::Currency::balance_frozen(&FreezeReason::Vesting.into(), who);
		ensure!(Some(frozen) == Self::sum(schedule).ok(), "freeze differs from schedule");
		Ok(())
	}
}
