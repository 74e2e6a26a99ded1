//! The deposit as stake: `bond_more`, `slash`, the stake per device, and the pot.

use super::{apply, approved, pot_held};
use crate::{mock::*, Error, Event, ManufacturerInfoOf};
use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, MutateFreeze},
};
use itc_primitives::device::{ManufacturerRegistry, ManufacturerStake, Stake};
use sp_runtime::traits::BadOrigin;

fn deposit(id: u32) -> u64 {
	ManufacturerInfoOf::<Test>::get(id).unwrap().deposit
}

/// Freezes `amount` of `who`'s balance, as token-vesting does.
fn freeze(who: u64, amount: u64) {
	assert_ok!(<Balances as MutateFreeze<u64>>::set_freeze(b"vesting_", &who, amount));
}

#[test]
fn bond_more_raises_the_deposit_on_the_pot() {
	new_test_ext(|| {
		let id = apply(ACME);
		assert_ok!(Manufacturers::bond_more(RuntimeOrigin::signed(ACME), 250));
		assert_eq!((deposit(id), pot_held()), (350, 350));
		assert_eq!(Balances::balance(&ACME), 1_000 - 350 - 1);
		System::assert_last_event(Event::DepositIncreased { id, amount: 250, deposit: 350 }.into());
	});
}

#[test]
fn bond_more_errors() {
	new_test_ext(|| {
		assert_noop!(Manufacturers::bond_more(RuntimeOrigin::none(), 1), BadOrigin);
		assert_noop!(
			Manufacturers::bond_more(RuntimeOrigin::signed(ACME), 1),
			Error::<Test>::NotManufacturer
		);
		apply(ACME);
		assert_noop!(
			Manufacturers::bond_more(RuntimeOrigin::signed(ACME), 0),
			Error::<Test>::ZeroAmount
		);
		assert_noop!(
			Manufacturers::bond_more(RuntimeOrigin::signed(ACME), 1_000),
			Error::<Test>::InsufficientBalance
		);
	});
}

/// A deposit backed by frozen (vesting) money could be slashed out from under the freeze if
/// it were held on the manufacturer's own account: freezes overlap holds. It leaves through
/// the pot, which honours the freeze, so a freeze can never be moved by a slash.
#[test]
fn a_manufacturer_cannot_stake_frozen_money() {
	new_test_ext(|| {
		let id = apply(ACME);
		freeze(ACME, 1_000 - 100 - 1 - 50);
		assert_noop!(
			Manufacturers::bond_more(RuntimeOrigin::signed(ACME), 51),
			Error::<Test>::InsufficientBalance
		);
		assert_ok!(Manufacturers::bond_more(RuntimeOrigin::signed(ACME), 49));
		assert_ok!(Manufacturers::slash(RuntimeOrigin::root(), id, 1_000));
		assert_eq!(deposit(id), 0, "the slash took the whole deposit, 149, from the pot");
		assert_eq!(Balances::balance(&ACME), 1_000 - 100 - 1 - 49, "and nothing from ACME");
	});
}

#[test]
fn governance_slashes_a_deposit_to_the_fund() {
	new_test_ext(|| {
		let id = approved(ACME, 10);
		assert_ok!(Manufacturers::slash(RuntimeOrigin::root(), id, 30));
		assert_eq!((deposit(id), pot_held()), (70, 70));
		assert_eq!(Balances::balance(&FUND), 1_000 + 30);
		System::assert_last_event(Event::Slashed { id, amount: 30, deposit: 70 }.into());
		// More than the deposit takes the deposit; retirement then returns nothing.
		assert_ok!(Manufacturers::slash(RuntimeOrigin::root(), id, 1_000));
		assert_eq!((deposit(id), pot_held(), Balances::balance(&FUND)), (0, 0, 1_100));
		assert_ok!(Manufacturers::retire(RuntimeOrigin::root(), id));
		assert_eq!(Balances::balance(&ACME), 1_000 - 100 - 1);
	});
}

#[test]
fn slash_errors() {
	new_test_ext(|| {
		assert_noop!(Manufacturers::slash(RuntimeOrigin::signed(ACME), 0, 1), BadOrigin);
		assert_noop!(
			Manufacturers::slash(RuntimeOrigin::root(), 7, 1),
			Error::<Test>::UnknownManufacturer
		);
		let id = approved(ACME, 10);
		assert_noop!(Manufacturers::slash(RuntimeOrigin::root(), id, 0), Error::<Test>::ZeroAmount);
		assert_ok!(Manufacturers::slash(RuntimeOrigin::root(), id, 100));
		assert_noop!(
			Manufacturers::slash(RuntimeOrigin::root(), id, 1),
			Error::<Test>::NothingToSlash
		);
		assert_ok!(Manufacturers::retire(RuntimeOrigin::root(), id));
		assert_noop!(
			Manufacturers::slash(RuntimeOrigin::root(), id, 1),
			Error::<Test>::AlreadyRetired
		);
	});
}

#[test]
fn the_stake_is_the_deposit_and_the_devices_registered() {
	new_test_ext(|| {
		let id = approved(ACME, 10);
		let stake = <Manufacturers as ManufacturerStake<u64>>::stake;
		assert_eq!(stake(id), Stake { deposit: 100, devices: 0 });
		assert_ok!(<Manufacturers as ManufacturerRegistry<u64>>::use_quota(id, 4));
		assert_eq!(stake(id), Stake { deposit: 100, devices: 4 });
		assert_ok!(Manufacturers::bond_more(RuntimeOrigin::signed(ACME), 100));
		assert_eq!(stake(id), Stake { deposit: 200, devices: 4 });
		assert_ok!(Manufacturers::retire(RuntimeOrigin::root(), id));
		assert_eq!(stake(id), Stake::default(), "retired: nothing at stake");
		assert_eq!(stake(99), Stake::default());
	});
}

#[test]
fn a_returned_deposit_its_account_cannot_take_goes_to_the_fund() {
	new_test_ext(|| {
		// BOLT empties its account after applying: the deposit (100) can still come back,
		// since 100 is above the existential deposit; only a dust deposit would be redirected.
		let id = apply(BOLT);
		let all = Balances::balance(&BOLT);
		assert_ok!(<Balances as frame_support::traits::fungible::Mutate<u64>>::transfer(
			&BOLT,
			&FUND,
			all,
			frame_support::traits::tokens::Preservation::Expendable
		));
		assert_ok!(Manufacturers::retire(RuntimeOrigin::root(), id));
		assert_eq!(Balances::balance(&BOLT), 100);
	});
}
