//! Unit tests of the token-vesting pallet.

use crate::{mock::*, Error, Event, Milestone, MilestonesOf, ScheduleOf};
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::{Inspect, Mutate},
		tokens::{Fortitude, Preservation},
	},
};
use sp_runtime::{DispatchError, TokenError};

fn milestones(pairs: &[(u64, u64)]) -> MilestonesOf<Test> {
	pairs
		.iter()
		.map(|&(at, amount)| Milestone { at, amount })
		.collect::<Vec<_>>()
		.try_into()
		.unwrap()
}

fn transferable(who: u64) -> u64 {
	Balances::reducible_balance(&who, Preservation::Expendable, Fortitude::Polite)
}

#[test]
fn genesis_freezes_the_whole_schedule() {
	new_test_ext(|| {
		assert_eq!(Balances::total_balance(&TEAM), 1_000);
		assert_eq!(transferable(TEAM), 0);
		assert_eq!(Vesting::frozen_of(TEAM), 1_000);
		let at: Vec<_> = ScheduleOf::<Test>::get(TEAM).unwrap().iter().map(|m| m.at).collect();
		assert_eq!(at, vec![100, 200, 300], "genesis milestones are stored in time order");
	});
}

#[test]
fn vest_works_at_each_milestone() {
	new_test_ext(|| {
		TestClock::set(100);
		assert_ok!(Vesting::vest(RuntimeOrigin::signed(TEAM)));
		System::assert_last_event(
			Event::Vested { who: TEAM, unlocked: 330, still_frozen: 670 }.into(),
		);
		assert_eq!(transferable(TEAM), 330);

		TestClock::set(299);
		assert_ok!(Vesting::vest(RuntimeOrigin::signed(TEAM)));
		assert_eq!(transferable(TEAM), 660);

		TestClock::set(300);
		assert_ok!(Vesting::vest(RuntimeOrigin::signed(TEAM)));
		System::assert_has_event(
			Event::Vested { who: TEAM, unlocked: 340, still_frozen: 0 }.into(),
		);
		System::assert_last_event(Event::VestingCompleted { who: TEAM }.into());
		assert_eq!(transferable(TEAM), 1_000);
		assert_eq!(ScheduleOf::<Test>::get(TEAM), None);
	});
}

#[test]
fn vest_unlocks_several_milestones_at_once() {
	new_test_ext(|| {
		TestClock::set(250);
		assert_ok!(Vesting::vest(RuntimeOrigin::signed(TEAM)));
		System::assert_last_event(
			Event::Vested { who: TEAM, unlocked: 660, still_frozen: 340 }.into(),
		);
	});
}

#[test]
fn frozen_funds_cannot_be_transferred() {
	new_test_ext(|| {
		assert_noop!(
			<Balances as Mutate<_>>::transfer(&TEAM, &ALICE, 1, Preservation::Expendable),
			TokenError::Frozen
		);
		TestClock::set(100);
		assert_ok!(Vesting::vest(RuntimeOrigin::signed(TEAM)));
		assert_noop!(
			<Balances as Mutate<_>>::transfer(&TEAM, &ALICE, 331, Preservation::Expendable),
			TokenError::Frozen
		);
		assert_ok!(<Balances as Mutate<_>>::transfer(&TEAM, &ALICE, 330, Preservation::Expendable));
	});
}

#[test]
fn vest_fails_when_not_vesting() {
	new_test_ext(|| {
		assert_noop!(Vesting::vest(RuntimeOrigin::signed(ALICE)), Error::<Test>::NotVesting);
	});
}

#[test]
fn vest_fails_when_no_milestone_is_reached() {
	new_test_ext(|| {
		TestClock::set(99);
		assert_noop!(Vesting::vest(RuntimeOrigin::signed(TEAM)), Error::<Test>::NoMilestoneReached);
	});
}

#[test]
fn vest_fails_when_unsigned() {
	new_test_ext(|| {
		assert_noop!(Vesting::vest(RuntimeOrigin::none()), DispatchError::BadOrigin);
	});
}

#[test]
fn vest_other_works_for_a_third_party() {
	new_test_ext(|| {
		TestClock::set(100);
		assert_ok!(Vesting::vest_other(RuntimeOrigin::signed(CHARLIE), TEAM));
		System::assert_last_event(
			Event::Vested { who: TEAM, unlocked: 330, still_frozen: 670 }.into(),
		);
	});
}

#[test]
fn vest_other_fails_when_target_is_not_vesting() {
	new_test_ext(|| {
		assert_noop!(
			Vesting::vest_other(RuntimeOrigin::signed(ALICE), BOB),
			Error::<Test>::NotVesting
		);
	});
}

#[test]
fn vest_other_fails_when_no_milestone_is_reached() {
	new_test_ext(|| {
		assert_noop!(
			Vesting::vest_other(RuntimeOrigin::signed(ALICE), TEAM),
			Error::<Test>::NoMilestoneReached
		);
	});
}

#[test]
fn vested_transfer_works() {
	new_test_ext(|| {
		assert_ok!(Vesting::vested_transfer(
			RuntimeOrigin::signed(ALICE),
			CHARLIE,
			milestones(&[(50, 100), (10, 20)])
		));
		System::assert_last_event(
			Event::ScheduleAdded { who: CHARLIE, amount: 120, milestones: 2 }.into(),
		);
		assert_eq!(Balances::total_balance(&ALICE), 10_000 - 120);
		assert_eq!(Balances::total_balance(&CHARLIE), 120);
		assert_eq!(transferable(CHARLIE), 0);
		TestClock::set(10);
		assert_ok!(Vesting::vest(RuntimeOrigin::signed(CHARLIE)));
		assert_eq!(transferable(CHARLIE), 20);
	});
}

#[test]
fn vested_transfer_merges_into_an_existing_schedule() {
	new_test_ext(|| {
		// The team's three milestones and one more: past the signed limit, so governance's.
		assert_ok!(Vesting::force_vested_transfer(
			RuntimeOrigin::root(),
			ALICE,
			TEAM,
			milestones(&[(150, 50)])
		));
		let at: Vec<_> = ScheduleOf::<Test>::get(TEAM).unwrap().iter().map(|m| m.at).collect();
		assert_eq!(at, vec![100, 150, 200, 300]);
		assert_eq!(Vesting::frozen_of(TEAM), 1_050);
		TestClock::set(150);
		assert_eq!(Vesting::vestable_of(TEAM), 380);
		assert_eq!(Vesting::next_milestone_of(TEAM), Some(Milestone { at: 200, amount: 330 }));
	});
}

#[test]
fn vested_transfer_fails_when_schedule_is_empty() {
	new_test_ext(|| {
		assert_noop!(
			Vesting::vested_transfer(RuntimeOrigin::signed(ALICE), BOB, milestones(&[])),
			Error::<Test>::EmptySchedule
		);
	});
}

#[test]
fn vested_transfer_fails_when_a_milestone_is_in_the_past() {
	new_test_ext(|| {
		TestClock::set(100);
		assert_noop!(
			Vesting::vested_transfer(
				RuntimeOrigin::signed(ALICE),
				BOB,
				milestones(&[(200, 10), (100, 10)])
			),
			Error::<Test>::MilestoneInPast
		);
	});
}

#[test]
fn vested_transfer_fails_when_amount_is_low() {
	new_test_ext(|| {
		assert_noop!(
			Vesting::vested_transfer(RuntimeOrigin::signed(ALICE), BOB, milestones(&[(10, 9)])),
			Error::<Test>::AmountLow
		);
	});
}

#[test]
fn vested_transfer_fails_when_too_many_milestones() {
	new_test_ext(|| {
		assert_noop!(
			Vesting::vested_transfer(
				RuntimeOrigin::signed(ALICE),
				TEAM,
				milestones(&[(400, 10), (500, 10)])
			),
			Error::<Test>::TooManyMilestones
		);
	});
}

#[test]
fn vested_transfer_fails_when_amounts_overflow() {
	new_test_ext(|| {
		assert_noop!(
			Vesting::vested_transfer(
				RuntimeOrigin::signed(ALICE),
				BOB,
				milestones(&[(10, u64::MAX), (20, 1_000)])
			),
			Error::<Test>::Overflow
		);
	});
}

#[test]
fn vested_transfer_fails_when_payer_cannot_afford_it() {
	new_test_ext(|| {
		assert_noop!(
			Vesting::vested_transfer(
				RuntimeOrigin::signed(ALICE),
				BOB,
				milestones(&[(10, 10_000)])
			),
			TokenError::NotExpendable
		);
		assert_noop!(
			Vesting::vested_transfer(RuntimeOrigin::signed(CHARLIE), BOB, milestones(&[(10, 10)])),
			TokenError::FundsUnavailable
		);
	});
}

#[test]
fn vested_transfer_fails_when_payer_funds_are_frozen() {
	new_test_ext(|| {
		assert_noop!(
			Vesting::vested_transfer(RuntimeOrigin::signed(TEAM), BOB, milestones(&[(500, 10)])),
			TokenError::Frozen
		);
	});
}

#[test]
fn force_vested_transfer_works() {
	new_test_ext(|| {
		assert_ok!(Vesting::force_vested_transfer(
			RuntimeOrigin::root(),
			BOB,
			CHARLIE,
			milestones(&[(10, 500)])
		));
		System::assert_last_event(
			Event::ScheduleAdded { who: CHARLIE, amount: 500, milestones: 1 }.into(),
		);
		assert_eq!(Balances::total_balance(&BOB), 9_500);
		assert_eq!(Vesting::frozen_of(CHARLIE), 500);
	});
}

#[test]
fn force_vested_transfer_fails_when_origin_is_not_force() {
	new_test_ext(|| {
		assert_noop!(
			Vesting::force_vested_transfer(
				RuntimeOrigin::signed(BOB),
				BOB,
				CHARLIE,
				milestones(&[(10, 500)])
			),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn force_vested_transfer_fails_when_a_milestone_is_in_the_past() {
	new_test_ext(|| {
		TestClock::set(10);
		assert_noop!(
			Vesting::force_vested_transfer(
				RuntimeOrigin::root(),
				BOB,
				CHARLIE,
				milestones(&[(10, 500)])
			),
			Error::<Test>::MilestoneInPast
		);
	});
}

#[test]
fn try_state_detects_a_freeze_that_differs_from_the_schedule() {
	new_test_ext(|| {
		use frame_support::traits::fungible::MutateFreeze;
		let reason = crate::FreezeReason::Vesting.into();
		assert_ok!(Balances::set_freeze(&reason, &TEAM, 999));
		assert!(Vesting::do_try_state().is_err());
		assert_ok!(Balances::set_freeze(&reason, &TEAM, 1_000));
	});
}

#[test]
fn try_state_detects_an_out_of_order_schedule() {
	new_test_ext(|| {
		let original = ScheduleOf::<Test>::get(TEAM).unwrap();
		let mut reversed = original.clone().into_inner();
		reversed.reverse();
		ScheduleOf::<Test>::insert(TEAM, MilestonesOf::<Test>::truncate_from(reversed));
		assert!(Vesting::do_try_state().is_err());
		ScheduleOf::<Test>::insert(TEAM, original);
	});
}

#[test]
fn vested_transfer_fails_when_a_milestone_is_too_far() {
	new_test_ext(|| {
		TestClock::set(50);
		// The horizon is 1,000 ms after the elapsed time.
		for call in [
			Vesting::vested_transfer(RuntimeOrigin::signed(ALICE), BOB, milestones(&[(1_051, 10)])),
			Vesting::force_vested_transfer(
				RuntimeOrigin::root(),
				ALICE,
				BOB,
				milestones(&[(100, 10), (u64::MAX, 10)]),
			),
		] {
			assert_eq!(call, Err(Error::<Test>::MilestoneTooFar.into()));
		}
		assert_eq!(ScheduleOf::<Test>::get(BOB), None);
		assert_ok!(Vesting::vested_transfer(
			RuntimeOrigin::signed(ALICE),
			BOB,
			milestones(&[(1_050, 10)])
		));
	});
}

#[test]
fn signed_transfers_stop_at_max_signed_milestones() {
	new_test_ext(|| {
		assert_ok!(Vesting::vested_transfer(
			RuntimeOrigin::signed(ALICE),
			BOB,
			milestones(&[(10, 10), (20, 10), (30, 10)])
		));
		assert_noop!(
			Vesting::vested_transfer(RuntimeOrigin::signed(ALICE), BOB, milestones(&[(40, 10)])),
			Error::<Test>::TooManyMilestones
		);
		// The slot above the signed limit is governance's.
		assert_ok!(Vesting::force_vested_transfer(
			RuntimeOrigin::root(),
			ALICE,
			BOB,
			milestones(&[(40, 10)])
		));
		assert_noop!(
			Vesting::force_vested_transfer(
				RuntimeOrigin::root(),
				ALICE,
				BOB,
				milestones(&[(50, 10)])
			),
			Error::<Test>::TooManyMilestones
		);
	});
}

/// A stranger fills BOB's schedule with milestones as far ahead and as small as it may;
/// governance can still pay BOB a grant.
#[test]
fn strangers_cannot_block_a_governance_grant() {
	new_test_ext(|| {
		let dust = milestones(&[(1_000, 10), (999, 10), (998, 10), (997, 10)]);
		assert_noop!(
			Vesting::vested_transfer(RuntimeOrigin::signed(ALICE), BOB, dust),
			Error::<Test>::TooManyMilestones
		);
		for at in [997, 998, 999, 1_000] {
			let _ = Vesting::vested_transfer(
				RuntimeOrigin::signed(ALICE),
				BOB,
				milestones(&[(at, 10)]),
			);
		}
		assert_eq!(ScheduleOf::<Test>::get(BOB).unwrap().len(), 3, "the signed slots are full");
		assert_ok!(Vesting::force_vested_transfer(
			RuntimeOrigin::root(),
			ALICE,
			BOB,
			milestones(&[(900, 500)])
		));
		assert_eq!(Vesting::frozen_of(BOB), 530);
	});
}

#[test]
fn a_grant_vests_reached_milestones_first() {
	new_test_ext(|| {
		assert_ok!(Vesting::force_vested_transfer(
			RuntimeOrigin::root(),
			ALICE,
			BOB,
			milestones(&[(10, 10), (20, 10), (30, 10), (40, 10)])
		));
		TestClock::set(40);
		// Without vesting them first the four passed milestones would fill every slot.
		assert_ok!(Vesting::vested_transfer(
			RuntimeOrigin::signed(ALICE),
			BOB,
			milestones(&[(50, 10)])
		));
		let schedule = ScheduleOf::<Test>::get(BOB).unwrap().to_vec();
		assert_eq!(schedule, vec![Milestone { at: 50, amount: 10 }]);
		assert_eq!(Vesting::frozen_of(BOB), 10);
		assert_eq!(transferable(BOB), 10_040);
		System::assert_has_event(Event::Vested { who: BOB, unlocked: 40, still_frozen: 0 }.into());
		System::assert_last_event(
			Event::ScheduleAdded { who: BOB, amount: 10, milestones: 1 }.into(),
		);
	});
}

#[test]
fn milestones_at_one_moment_share_a_slot() {
	new_test_ext(|| {
		// The team has 100, 200 and 300: a grant at those moments takes no slot of its own.
		assert_ok!(Vesting::vested_transfer(
			RuntimeOrigin::signed(ALICE),
			TEAM,
			milestones(&[(100, 10), (300, 20), (300, 30)])
		));
		let schedule = ScheduleOf::<Test>::get(TEAM).unwrap().to_vec();
		assert_eq!(
			schedule,
			vec![
				Milestone { at: 100, amount: 340 },
				Milestone { at: 200, amount: 330 },
				Milestone { at: 300, amount: 390 },
			]
		);
		assert_eq!(Vesting::frozen_of(TEAM), 1_060);
	});
}
