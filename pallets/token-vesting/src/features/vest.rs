//! Unfreezing reached milestones.

use crate::*;
use frame_support::{ensure, pallet_prelude::DispatchResult, traits::fungible::MutateFreeze};
use itc_primitives::{Moment, WallClock};
use sp_runtime::{traits::Zero, Saturating};

impl<T: Config> Pallet<T> {
	/// Unfreeze the reached milestones of `who` and keep the rest frozen.
	pub(crate) fn do_vest(who: &T::AccountId) -> DispatchResult {
		let schedule = ScheduleOf::<T>::get(who).ok_or(Error::<T>::NotVesting)?;
		let now = T::Clock::elapsed_ms();
		let (unlocked, still_frozen) = Self::split(&schedule, now);
		ensure!(!unlocked.is_zero(), Error::<T>::NoMilestoneReached);

		let remaining = Self::not_reached(schedule, now);
		let reason = FreezeReason::Vesting.into();
		let completed = remaining.is_empty();
		if completed {
			T::Currency::thaw(&reason, who)?;
			ScheduleOf::<T>::remove(who);
		} else {
			T::Currency::set_freeze(&reason, who, still_frozen)?;
			ScheduleOf::<T>::insert(who, remaining);
		}

		Self::deposit_event(Event::Vested { who: who.clone(), unlocked, still_frozen });
		if completed {
			Self::deposit_event(Event::VestingCompleted { who: who.clone() });
		}
		Ok(())
	}

	/// The sums of the milestones reached at `now` and of those not reached.
	///
	/// Saturating: the sum of a stored schedule was checked against overflow when it was
	/// stored, so saturation cannot occur.
	pub(crate) fn split(
		schedule: &[Milestone<BalanceOf<T>>],
		now: Moment,
	) -> (BalanceOf<T>, BalanceOf<T>) {
		schedule.iter().fold((Zero::zero(), Zero::zero()), |(reached, later), m| {
			if m.at <= now {
				(reached.saturating_add(m.amount), later)
			} else {
				(reached, later.saturating_add(m.amount))
			}
		})
	}
}
