//! Benchmarks of the token-vesting pallet (frame-benchmarking v2).

use super::*;
use crate::Pallet as Vesting;
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate, MutateFreeze},
	Get,
};
use frame_system::RawOrigin;
use itc_primitives::{Moment, WallClock};
use sp_runtime::traits::Saturating;

/// The amount of each benchmark milestone.
fn unit<T: Config>() -> BalanceOf<T> {
	T::MinMilestoneAmount::get().max(T::Currency::minimum_balance())
}

/// The latest moment a milestone may be at now.
fn horizon<T: Config>() -> Moment {
	T::Clock::elapsed_ms().saturating_add(T::MaxVestingHorizon::get())
}

/// Gives `who` a schedule of `reached` milestones (now) and `later` ones at the horizon and
/// just before it, funded and frozen.
fn schedule<T: Config>(who: &T::AccountId, reached: u32, later: u32) {
	let unit = unit::<T>();
	let now = T::Clock::elapsed_ms();
	let mut milestones = alloc::vec::Vec::new();
	milestones.extend((0..reached).map(|_| Milestone { at: now, amount: unit }));
	milestones.extend(
		(0..later).map(|i| Milestone { at: horizon::<T>() - Moment::from(i), amount: unit }),
	);
	let schedule: MilestonesOf<T> = milestones.try_into().expect("within MaxMilestones");
	let frozen = Vesting::<T>::sum(&schedule).expect("small sums");
	T::Currency::set_balance(who, frozen.saturating_add(T::Currency::minimum_balance()));
	T::Currency::set_freeze(&FreezeReason::Vesting.into(), who, frozen).expect("funded");
	let mut sorted = schedule;
	sorted.sort_by_key(|m| m.at);
	ScheduleOf::<T>::insert(who, sorted);
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// `vest` with `m` milestones of which all but one are reached (the freeze is updated,
	/// not removed, which is the dearer path).
	#[benchmark]
	fn vest(m: Linear<2, { T::MaxMilestones::get() }>) {
		let who: T::AccountId = whitelisted_caller();
		schedule::<T>(&who, m - 1, 1);

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));

		assert_eq!(ScheduleOf::<T>::get(&who).map(|s| s.len()), Some(1));
	}

	/// `vested_transfer` of one milestone to an account that already has `m - 1` not reached
	/// and one reached (vested first). Governance's `force_vested_transfer` runs the same code
	/// up to `MaxMilestones`; the signed call is charged at `MaxSignedMilestones`.
	#[benchmark]
	fn vested_transfer(m: Linear<1, { T::MaxMilestones::get() }>) {
		let caller: T::AccountId = whitelisted_caller();
		let dest: T::AccountId = account("dest", 0, 0);
		schedule::<T>(&dest, 1, m - 1);
		let unit = unit::<T>();
		T::Currency::set_balance(&caller, unit.saturating_mul(10u32.into()));
		let at = horizon::<T>() - Moment::from(m);
		let milestones: MilestonesOf<T> =
			alloc::vec![Milestone { at, amount: unit }].try_into().unwrap();

		#[block]
		{
			Vesting::<T>::do_vested_transfer(&caller, &dest, milestones, T::MaxMilestones::get())
				.expect("within the bounds");
		}

		assert_eq!(ScheduleOf::<T>::get(&dest).map(|s| s.len() as u32), Some(m));
	}

	impl_benchmark_test_suite!(Vesting, crate::mock::build_ext(), crate::mock::Test);
}
