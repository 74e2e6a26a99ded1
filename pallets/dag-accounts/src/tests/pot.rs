//! The pot: locked funds leave the payer, honouring its freezes, and no settlement or
//! withdrawal can take frozen money out of anyone's account.

use crate::{mock::*, *};
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::{Inspect, Mutate},
		tokens::Preservation,
		GetStorageVersion, OnRuntimeUpgrade, StorageVersion,
	},
};
use itc_primitives::anchor::{MicroSettlement, NetChange};

fn settle(changes: &[(u64, i128)]) -> sp_runtime::DispatchResult {
	let changes: Vec<_> =
		changes.iter().map(|&(account, delta)| NetChange { account, delta }).collect();
	DagAccounts::settle(&changes, &[])
}

#[test]
fn locked_funds_leave_the_payer_for_the_pot() {
	new_test_ext(|| {
		assert_ok!(DagAccounts::lock(RuntimeOrigin::signed(OWNER), DEVICE, 300));
		assert_ok!(DagAccounts::lock(RuntimeOrigin::signed(DEVICE), DEVICE, 200));
		assert_eq!(on_hold(DagAccounts::pot()), 500);
		assert_eq!(on_hold(DEVICE) + on_hold(OWNER), 0);
		assert_eq!(Balances::total_balance(&DEVICE), START - 200);
		assert_eq!(held(DEVICE), 500);
	});
}

#[test]
fn a_device_cannot_lock_its_frozen_funds() {
	new_test_ext(|| {
		freeze(DEVICE, 900);
		assert_noop!(
			DagAccounts::lock(RuntimeOrigin::signed(DEVICE), DEVICE, 101),
			Error::<Test>::InsufficientBalance
		);
		assert_ok!(DagAccounts::lock(RuntimeOrigin::signed(DEVICE), DEVICE, 100));
		assert_eq!(Balances::total_balance(&DEVICE), 900);
	});
}

/// The attack the pot closes: lock a little, spend the free rest down to the freeze (which
/// counted the hold), then have the settlement move the hold away.
#[test]
fn frozen_funds_never_leave_a_device_through_the_dag() {
	new_test_ext(|| {
		empty_device();
		assert_ok!(DagAccounts::lock(RuntimeOrigin::signed(OWNER), EMPTY_DEVICE, 50));
		freeze(DEVICE, 900);
		assert_ok!(DagAccounts::lock(RuntimeOrigin::signed(DEVICE), DEVICE, 100));
		assert!(Balances::transfer_keep_alive(RuntimeOrigin::signed(DEVICE), OTHER, 100).is_err());
		assert_ok!(settle(&[(DEVICE, -100), (EMPTY_DEVICE, 100)]));
		assert!(Balances::total_balance(&DEVICE) >= 900, "vesting freeze broken");
	});
}

#[test]
fn funds_an_owner_locks_do_not_back_a_device_freeze() {
	new_test_ext(|| {
		empty_device();
		assert_ok!(DagAccounts::lock(RuntimeOrigin::signed(OWNER), EMPTY_DEVICE, 50));
		freeze(DEVICE, START);
		assert_ok!(DagAccounts::lock(RuntimeOrigin::signed(OWNER), DEVICE, 100));
		assert!(Balances::transfer_keep_alive(RuntimeOrigin::signed(DEVICE), OTHER, 100).is_err());
		assert_ok!(settle(&[(DEVICE, -100), (EMPTY_DEVICE, 100)]));
		assert_eq!(Balances::total_balance(&DEVICE), START);
	});
}

#[test]
fn a_device_that_reaped_its_account_is_still_credited() {
	new_test_ext(|| {
		empty_device();
		assert_ok!(DagAccounts::lock(RuntimeOrigin::signed(OWNER), DEVICE, 300));
		assert_ok!(DagAccounts::lock(RuntimeOrigin::signed(OWNER), EMPTY_DEVICE, 50));
		assert_ok!(DagAccounts::unlock(RuntimeOrigin::signed(EMPTY_DEVICE), 50));
		System::set_block_number(1 + DELAY);
		assert_ok!(DagAccounts::withdraw(RuntimeOrigin::signed(EMPTY_DEVICE)));
		assert_eq!(free(EMPTY_DEVICE), 50);
		let all = free(EMPTY_DEVICE);
		assert_ok!(<Balances as Mutate<u64>>::transfer(
			&EMPTY_DEVICE,
			&OTHER,
			all,
			Preservation::Expendable
		));
		assert!(!System::account_exists(&EMPTY_DEVICE));
		assert_ok!(settle(&[(DEVICE, -30), (EMPTY_DEVICE, 30)]));
		assert_eq!(Accounts::<Test>::get(EMPTY_DEVICE).unwrap().locked, 30);
	});
}

#[test]
fn the_first_payer_gives_a_missing_pot_its_deposit() {
	new_test_ext(|| {
		let pot = DagAccounts::pot();
		assert_ok!(<Balances as Mutate<u64>>::transfer(&pot, &OTHER, 1, Preservation::Expendable));
		assert_ok!(DagAccounts::lock(RuntimeOrigin::signed(OWNER), DEVICE, 300));
		assert_eq!(free(OWNER), START - 301);
		assert_eq!((free(pot), on_hold(pot)), (1, 300));
	});
}

#[test]
fn the_v2_migration_moves_every_hold_to_the_pot() {
	new_test_ext(|| {
		// A version 1 chain: the same records, the funds held on the device account, no pot.
		assert_ok!(DagAccounts::lock(RuntimeOrigin::signed(OWNER), DEVICE, 300));
		assert_ok!(DagAccounts::unlock(RuntimeOrigin::signed(DEVICE), 100));
		let pot = DagAccounts::pot();
		{
			use frame_support::traits::{
				fungible::MutateHold,
				tokens::{Fortitude, Precision, Restriction},
			};
			assert_ok!(Balances::transfer_on_hold(
				&HoldReason::DagSpending.into(),
				&pot,
				&DEVICE,
				300,
				Precision::Exact,
				Restriction::OnHold,
				Fortitude::Force
			));
		}
		assert_ok!(<Balances as Mutate<u64>>::transfer(&pot, &OTHER, 1, Preservation::Expendable));
		StorageVersion::new(1).put::<DagAccounts>();

		crate::migrations::v2::MoveHoldsToPot::<Test, Payer>::on_runtime_upgrade();

		assert_eq!(DagAccounts::on_chain_storage_version(), 2);
		assert_eq!((on_hold(DEVICE), on_hold(pot), free(pot)), (0, 300, 1));
		assert_eq!(free(OTHER), START, "the payer gave back the deposit it took from the pot");
		crate::migrations::v2::MoveHoldsToPot::<Test, Payer>::on_runtime_upgrade();
		assert_eq!(on_hold(pot), 300);
	});
}

frame_support::parameter_types! {
	pub Payer: u64 = OTHER;
}

#[test]
fn the_v2_migration_gives_up_funds_a_freeze_still_needs() {
	new_test_ext(|| {
		// Version 1 let a device lock frozen money and settle it away with Force.
		assert_ok!(DagAccounts::lock(RuntimeOrigin::signed(DEVICE), DEVICE, 300));
		{
			use frame_support::traits::{
				fungible::MutateHold,
				tokens::{Fortitude, Precision, Restriction},
			};
			assert_ok!(Balances::transfer_on_hold(
				&HoldReason::DagSpending.into(),
				&DagAccounts::pot(),
				&DEVICE,
				300,
				Precision::Exact,
				Restriction::OnHold,
				Fortitude::Force
			));
		}
		StorageVersion::new(1).put::<DagAccounts>();
		freeze(DEVICE, START);

		crate::migrations::v2::MoveHoldsToPot::<Test, Payer>::on_runtime_upgrade();

		assert_eq!(Accounts::<Test>::get(DEVICE), None);
		assert_eq!((on_hold(DEVICE), free(DEVICE)), (0, START));
		assert!(events().contains(&Event::Withdrawn { account: DEVICE, amount: 300 }));
		assert_eq!(Balances::total_balance(&DEVICE), START, "the freeze stands");
	});
}
