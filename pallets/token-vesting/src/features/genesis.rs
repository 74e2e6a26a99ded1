//! Schedules set up at genesis.

use crate::*;
use frame_support::traits::{
	fungible::{Inspect, MutateFreeze},
	Get,
};
use itc_primitives::Moment;

impl<T: Config> Pallet<T> {
	/// Set up the schedule of `who` from genesis `(at, amount)` pairs.
	///
	/// Genesis is built before any block: a bad preset must stop the chain from starting, so
	/// this panics with the reason.
	pub(crate) fn genesis_schedule(who: &T::AccountId, milestones: &[(Moment, BalanceOf<T>)]) {
		let given: alloc::vec::Vec<_> =
			milestones.iter().map(|&(at, amount)| Milestone { at, amount }).collect();
		assert!(
			given.iter().all(|m| m.at <= T::MaxVestingHorizon::get()),
			"genesis milestone beyond MaxVestingHorizon"
		);
		let given = MilestonesOf::<T>::try_from(given).expect("genesis schedule too long");
		let schedule = Self::merged(Default::default(), given, T::MaxMilestones::get())
			.expect("genesis schedule exceeds MaxMilestones or overflows");
		assert!(!schedule.is_empty(), "genesis schedule has no milestones");
		let frozen = Self::sum(&schedule).expect("genesis schedule overflows");
		assert!(
			T::Currency::total_balance(who) >= frozen,
			"genesis vesting account holds less than its schedule"
		);
		T::Currency::set_freeze(&FreezeReason::Vesting.into(), who, frozen)
			.expect("genesis vesting freeze");
		ScheduleOf::<T>::insert(who, schedule);
	}
}
