//! One test per call's success and per error it returns; every test ends with `try_state`.

mod pot;
mod settlement;

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok};
use itc_primitives::device::{testing::MockDevices, DeviceStatus, Role};
use sp_runtime::DispatchError;

#[test]
fn an_owner_locks_funds_for_its_device() {
	new_test_ext(|| {
		assert_ok!(DagAccounts::lock(RuntimeOrigin::signed(OWNER), DEVICE, 300));
		assert_eq!(free(OWNER), START - 300);
		assert_eq!(held(DEVICE), 300);
		assert_eq!(free(DEVICE), START);
		assert_eq!(Accounts::<Test>::get(DEVICE).unwrap().locked, 300);
		assert_eq!(events(), [Event::Locked { account: DEVICE, by: OWNER, amount: 300 }]);
		assert_eq!(
			DagAccounts::sender(&DEVICE),
			Some(SenderState { locked: 300, unlocking: 0, active: true })
		);
	});
}

#[test]
fn a_device_account_need_not_exist_to_be_funded() {
	new_test_ext(|| {
		empty_device();
		assert_ok!(DagAccounts::lock(RuntimeOrigin::signed(OWNER), EMPTY_DEVICE, 300));
		assert_eq!(held(EMPTY_DEVICE), 300);
		assert!(!System::account_exists(&EMPTY_DEVICE));
		assert_eq!(free(OWNER), START - 300);
	});
}

#[test]
fn a_device_locks_its_own_funds() {
	new_test_ext(|| {
		assert_ok!(DagAccounts::lock(RuntimeOrigin::signed(DEVICE), DEVICE, 200));
		assert_eq!((free(DEVICE), held(DEVICE)), (START - 200, 200));
	});
}

#[test]
fn only_device_accounts_have_micro_accounts() {
	new_test_ext(|| {
		assert_noop!(
			DagAccounts::lock(RuntimeOrigin::signed(OWNER), OTHER, 100),
			Error::<Test>::NotADevice
		);
		assert_eq!(DagAccounts::sender(&OTHER), None);
	});
}

#[test]
fn amounts_below_the_minimum_are_refused() {
	new_test_ext(|| {
		assert_noop!(
			DagAccounts::lock(RuntimeOrigin::signed(OWNER), DEVICE, 9),
			Error::<Test>::AmountTooLow
		);
		assert_ok!(DagAccounts::lock(RuntimeOrigin::signed(OWNER), DEVICE, 10));
		assert_noop!(
			DagAccounts::unlock(RuntimeOrigin::signed(DEVICE), 0),
			Error::<Test>::AmountTooLow
		);
	});
}

#[test]
fn the_caller_must_afford_the_lock() {
	new_test_ext(|| {
		assert_noop!(
			DagAccounts::lock(RuntimeOrigin::signed(OWNER), DEVICE, START),
			Error::<Test>::InsufficientBalance
		);
		assert_noop!(
			DagAccounts::lock(RuntimeOrigin::signed(DEVICE), DEVICE, START),
			Error::<Test>::InsufficientBalance
		);
	});
}

#[test]
fn unlocking_stops_spending_at_once_and_releases_after_the_delay() {
	new_test_ext(|| {
		assert_ok!(DagAccounts::lock(RuntimeOrigin::signed(OWNER), DEVICE, 300));
		assert_ok!(DagAccounts::unlock(RuntimeOrigin::signed(DEVICE), 100));
		assert_eq!(
			DagAccounts::sender(&DEVICE),
			Some(SenderState { locked: 200, unlocking: 100, active: true }),
			"new transfers may spend 200; the unlocking 100 still settles earlier ones"
		);
		assert_eq!(held(DEVICE), 300, "still held until the delay passes");
		assert!(events().contains(&Event::UnlockRequested {
			account: DEVICE,
			amount: 100,
			at: 1 + DELAY
		}));

		System::set_block_number(DELAY);
		assert_noop!(
			DagAccounts::withdraw(RuntimeOrigin::signed(DEVICE)),
			Error::<Test>::NothingToWithdraw
		);
		System::set_block_number(1 + DELAY);
		assert_ok!(DagAccounts::withdraw(RuntimeOrigin::signed(DEVICE)));
		assert_eq!((held(DEVICE), free(DEVICE)), (200, START + 100));
		assert!(events().contains(&Event::Withdrawn { account: DEVICE, amount: 100 }));

		// Everything out: the record goes.
		assert_ok!(DagAccounts::unlock(RuntimeOrigin::signed(DEVICE), 200));
		System::set_block_number(1 + 2 * DELAY);
		assert_ok!(DagAccounts::withdraw(RuntimeOrigin::signed(DEVICE)));
		assert_eq!(Accounts::<Test>::get(DEVICE), None);
		assert_eq!(free(DEVICE), START + 300);
	});
}

#[test]
fn unlocking_more_than_locked_is_refused() {
	new_test_ext(|| {
		assert_noop!(
			DagAccounts::unlock(RuntimeOrigin::signed(DEVICE), 1),
			Error::<Test>::InsufficientLocked
		);
		assert_ok!(DagAccounts::lock(RuntimeOrigin::signed(OWNER), DEVICE, 50));
		assert_noop!(
			DagAccounts::unlock(RuntimeOrigin::signed(DEVICE), 51),
			Error::<Test>::InsufficientLocked
		);
		// Only the device account unlocks its funds.
		assert_noop!(
			DagAccounts::unlock(RuntimeOrigin::signed(OWNER), 50),
			Error::<Test>::InsufficientLocked
		);
	});
}

#[test]
fn unlock_requests_are_bounded() {
	new_test_ext(|| {
		assert_ok!(DagAccounts::lock(RuntimeOrigin::signed(OWNER), DEVICE, 300));
		assert_ok!(DagAccounts::unlock(RuntimeOrigin::signed(DEVICE), 10));
		assert_ok!(DagAccounts::unlock(RuntimeOrigin::signed(DEVICE), 10));
		assert_noop!(
			DagAccounts::unlock(RuntimeOrigin::signed(DEVICE), 10),
			Error::<Test>::TooManyUnlocking
		);
	});
}

#[test]
fn nothing_to_withdraw_without_a_micro_account() {
	new_test_ext(|| {
		assert_noop!(
			DagAccounts::withdraw(RuntimeOrigin::signed(OTHER)),
			Error::<Test>::NothingToWithdraw
		);
	});
}

#[test]
fn a_suspended_device_is_reported_inactive() {
	new_test_ext(|| {
		assert_ok!(DagAccounts::lock(RuntimeOrigin::signed(OWNER), DEVICE, 100));
		MockDevices::set_status(&device(), DeviceStatus::Suspended { by: Role::Owner });
		assert_eq!(
			DagAccounts::sender(&DEVICE),
			Some(SenderState { locked: 100, unlocking: 0, active: false })
		);
	});
}

#[test]
fn unsigned_origins_are_refused() {
	new_test_ext(|| {
		assert_noop!(
			DagAccounts::lock(RuntimeOrigin::none(), DEVICE, 100),
			DispatchError::BadOrigin
		);
		assert_noop!(DagAccounts::unlock(RuntimeOrigin::none(), 1), DispatchError::BadOrigin);
		assert_noop!(DagAccounts::withdraw(RuntimeOrigin::none()), DispatchError::BadOrigin);
	});
}
