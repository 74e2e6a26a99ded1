//! Creating and extending schedules.

use crate::*;
use frame_support::{
	ensure,
	pallet_prelude::DispatchResult,
	traits::{
		fungible::{Mutate, MutateFreeze},
		tokens::Preservation,
	},
};
use itc_primitives::WallClock;
use sp_runtime::traits::{CheckedAdd, Get, Zero};

impl<T: Config> Pallet<T> {
	/// Transfer the sum of `milestones` from `source` to `dest` and freeze it on `dest` until
	/// each milestone is reached.
	pub(crate) fn do_vested_transfer(
		source: &T::AccountId,
		dest: &T::AccountId,
		milestones: MilestonesOf<T>,
	) -> DispatchResult {
		ensure!(!milestones.is_empty(), Error::<T>::EmptySchedule);
		let now = T::Clock::elapsed_ms();
		ensure!(milestones.iter().all(|m| m.at > now), Error::<T>::MilestoneInPast);
		ensure!(
			milestones.iter().all(|m| m.amount >= T::MinMilestoneAmount::get()),
			Error::<T>::AmountLow
		);
		let amount = Self::sum(&milestones)?;
		let added = milestones.len() as u32;
		let schedule = Self::merged(ScheduleOf::<T>::get(dest).unwrap_or_default(), milestones)?;
		let frozen = Self::sum(&schedule)?;

		T::Currency::transfer(source, dest, amount, Preservation::Preserve)?;
		T::Currency::set_freeze(&FreezeReason::Vesting.into(), dest, frozen)?;
		ScheduleOf::<T>::insert(dest, schedule);

		Self::deposit_event(Event::ScheduleAdded { who: dest.clone(), amount, milestones: added });
		Ok(())
	}

	/// `schedule` with `extra` merged in, ordered by time.
	pub(crate) fn merged(
		mut schedule: MilestonesOf<T>,
		extra: MilestonesOf<T>,
	) -> Result<MilestonesOf<T>, Error<T>> {
		for m in extra {
			schedule.try_push(m).map_err(|_| Error::<T>::TooManyMilestones)?;
		}
		schedule.sort_by_key(|m| m.at);
		Ok(schedule)
	}

	/// The sum of the milestones' amounts.
	pub(crate) fn sum(milestones: &[Milestone<BalanceOf<T>>]) -> Result<BalanceOf<T>, Error<T>> {
		milestones.iter().try_fold(Zero::zero(), |acc: BalanceOf<T>, m| {
			acc.checked_add(&m.amount).ok_or(Error::<T>::Overflow)
		})
	}
}
