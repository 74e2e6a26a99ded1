//! Schedules set up at genesis.

use crate::*;
use frame_support::traits::fungible::{Inspect, MutateFreeze};
use itc_primitives::Moment;

impl<T: Config> Pallet<T> {
	/// Set up the schedule of `who` from genesis `(at, amount)` pairs.
	///
	/// Genesis is built before any block: a bad preset must stop the chain from starting, so
	/// this panics with the reason.
	pub(crate) fn genesis_schedule(who: &T::AccountId, milestones: &[(Moment, BalanceOf<T>)]) {
		let mut schedule: alloc::vec::Vec<_> =
			milestones.iter().map(|&(at, amount)| Milestone { at, amount }).collect();
		schedule.sort_by_key(|m| m.at);
		let schedule: MilestonesOf<T> =
			schedule.try_into().expect("genesis schedule exceeds MaxMilestones");
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
