//! Unit tests of the chain clock.

use crate::{mock::*, GenesisMoment};
use frame_support::{traits::Hooks, weights::Weight};
use itc_primitives::{time::MONTH_MS, WallClock};

const LAUNCH: u64 = 1_800_000_000_000;

#[test]
fn elapsed_is_zero_before_the_first_timestamp() {
	new_test_ext(|| {
		assert_eq!(GenesisMoment::<Test>::get(), None);
		assert_eq!(ChainClock::elapsed_ms(), 0);
	});
}

#[test]
fn first_timestamp_becomes_the_genesis_moment() {
	new_test_ext(|| {
		go_to(1, LAUNCH);
		assert_eq!(GenesisMoment::<Test>::get(), Some(LAUNCH));
		assert_eq!(ChainClock::elapsed_ms(), 0);
		go_to(2, LAUNCH + 3_000);
		assert_eq!(GenesisMoment::<Test>::get(), Some(LAUNCH));
		assert_eq!(ChainClock::elapsed_ms(), 3_000);
	});
}

#[test]
fn missed_slots_do_not_delay_the_clock() {
	new_test_ext(|| {
		go_to(1, LAUNCH);
		// Block 2 comes a whole month of wall-clock time later: a month has elapsed although
		// only one block was produced.
		go_to(2, LAUNCH + MONTH_MS);
		assert_eq!(ChainClock::elapsed_ms(), MONTH_MS);
	});
}

#[test]
fn on_initialize_accounts_for_the_genesis_moment_write_in_block_1_only() {
	new_test_ext(|| {
		let db = <Test as frame_system::Config>::DbWeight::get();
		assert_ne!(db.writes(1), Weight::zero());
		assert_eq!(ChainClock::on_initialize(1), db.writes(1));
		go_to(1, LAUNCH);
		assert_eq!(ChainClock::on_initialize(2), Weight::zero());
	});
}

#[test]
fn later_blocks_never_move_the_genesis_moment() {
	new_test_ext(|| {
		go_to(1, LAUNCH);
		go_to(2, LAUNCH + 3_000);
		go_to(3, LAUNCH + 6_000);
		assert_eq!(GenesisMoment::<Test>::get(), Some(LAUNCH));
	});
}

#[test]
fn try_state_detects_a_genesis_moment_in_the_future() {
	new_test_ext(|| {
		go_to(1, LAUNCH);
		GenesisMoment::<Test>::put(LAUNCH + 1);
		assert!(ChainClock::do_try_state().is_err());
		GenesisMoment::<Test>::put(LAUNCH);
	});
}
