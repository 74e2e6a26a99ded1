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
use itc_primitives::{Moment, WallClock};
use sp_runtime::{
	traits::{CheckedAdd, Get, Zero},
	Saturating,
};

impl<T: Config> Pallet<T> {
	/// Transfer the sum of `milestones` from `source` to `dest` and freeze it on `dest` until
	/// each milestone is reached. `dest`'s milestones already reached are vested first; the
	/// schedule may then hold at most `limit` milestones.
	pub(crate) fn do_vested_transfer(
		source: &T::AccountId,
		dest: &T::AccountId,
		milestones: MilestonesOf<T>,
		limit: u32,
	) -> DispatchResult {
		ensure!(!milestones.is_empty(), Error::<T>::EmptySchedule);
		let now = T::Clock::elapsed_ms();
		ensure!(milestones.iter().all(|m| m.at > now), Error::<T>::MilestoneInPast);
		let horizon = now.saturating_add(T::MaxVestingHorizon::get());
		ensure!(milestones.iter().all(|m| m.at <= horizon), Error::<T>::MilestoneTooFar);
		ensure!(
			milestones.iter().all(|m| m.amount >= T::MinMilestoneAmount::get()),
			Error::<T>::AmountLow
		);
		let amount = Self::sum(&milestones)?;
		let added = milestones.len() as u32;
		let existing = ScheduleOf::<T>::get(dest).unwrap_or_default();
		let (unlocked, _) = Self::split(&existing, now);
		let schedule = Self::merged(Self::not_reached(existing, now), milestones, limit)?;
		let frozen = Self::sum(&schedule)?;

		T::Currency::transfer(source, dest, amount, Preservation::Preserve)?;
		T::Currency::set_freeze(&FreezeReason::Vesting.into(), dest, frozen)?;
		ScheduleOf::<T>::insert(dest, schedule);

		if !unlocked.is_zero() {
			let (who, still_frozen) = (dest.clone(), frozen.saturating_sub(amount));
			Self::deposit_event(Event::Vested { who, unlocked, still_frozen });
		}
		Self::deposit_event(Event::ScheduleAdded { who: dest.clone(), amount, milestones: added });
		Ok(())
	}

	/// The milestones of `schedule` not reached at `now`.
	pub(crate) fn not_reached(mut schedule: MilestonesOf<T>, now: Moment) -> MilestonesOf<T> {
		schedule.retain(|m| m.at > now);
		schedule
	}

	/// `schedule` with `extra` merged in, ordered by time; a milestone at a moment the schedule
	/// has already adds to it. Fails past `limit` milestones.
	pub(crate) fn merged(
		mut schedule: MilestonesOf<T>,
		extra: MilestonesOf<T>,
		limit: u32,
	) -> Result<MilestonesOf<T>, Error<T>> {
		for m in extra {
			match schedule.iter_mut().find(|s| s.at == m.at) {
				Some(same) => {
					same.amount = same.amount.checked_add(&m.amount).ok_or(Error::<T>::Overflow)?
				},
				None => schedule.try_push(m).map_err(|_| Error::<T>::TooManyMilestones)?,
			}
		}
		ensure!(schedule.len() as u32 <= limit, Error::<T>::TooManyMilestones);
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
