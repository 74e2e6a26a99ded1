//! Settlement of anchored DAG transfers (`MicroSettlement`).

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok};
use itc_primitives::anchor::{MicroSettlement, NetChange, SeqRange};

fn change(account: u64, delta: i128) -> NetChange<u64> {
	NetChange { account, delta }
}

fn range(account: u64, first: u64, next: u64) -> SeqRange<u64> {
	SeqRange { account, first, next }
}

/// A settlement with no sequence numbers (transfers only).
fn settle(changes: &[NetChange<u64>]) -> sp_runtime::DispatchResult {
	DagAccounts::settle(changes, &[])
}

/// The device and the empty device both with micro-accounts: 300 and 50 locked.
fn two_micro_accounts() {
	empty_device();
	assert_ok!(DagAccounts::lock(RuntimeOrigin::signed(OWNER), DEVICE, 300));
	assert_ok!(DagAccounts::lock(RuntimeOrigin::signed(OWNER), EMPTY_DEVICE, 50));
}

#[test]
fn settle_moves_amounts_between_micro_accounts() {
	new_test_ext(|| {
		two_micro_accounts();
		assert_ok!(settle(&[change(DEVICE, -120), change(EMPTY_DEVICE, 120)]));
		assert_eq!((held(DEVICE), held(EMPTY_DEVICE)), (180, 170));
		assert_eq!(Accounts::<Test>::get(DEVICE).unwrap().locked, 180);
		assert_eq!(Accounts::<Test>::get(EMPTY_DEVICE).unwrap().locked, 170);
		// Free balances are untouched, and the money stays in the pot.
		assert_eq!((free(DEVICE), free(EMPTY_DEVICE)), (START, 0));
		assert_eq!(on_hold(DagAccounts::pot()), 350);
	});
}

#[test]
fn settle_pays_from_unlocking_funds_when_locked_ones_run_short() {
	new_test_ext(|| {
		two_micro_accounts();
		assert_ok!(DagAccounts::unlock(RuntimeOrigin::signed(DEVICE), 200));
		assert_ok!(settle(&[change(DEVICE, -250), change(EMPTY_DEVICE, 250)]));
		let record = Accounts::<Test>::get(DEVICE).unwrap();
		assert_eq!((record.locked, record.unlocking[0].amount), (0, 50));
		assert_eq!(held(DEVICE), 50);
	});
}

#[test]
fn settle_removes_a_micro_account_it_empties() {
	new_test_ext(|| {
		two_micro_accounts();
		assert_ok!(settle(&[change(DEVICE, -300), change(EMPTY_DEVICE, 300)]));
		assert_eq!(Accounts::<Test>::get(DEVICE), None);
		assert_eq!(held(DEVICE), 0);
	});
}

#[test]
fn settle_takes_several_debtors_and_creditors() {
	new_test_ext(|| {
		two_micro_accounts();
		let third = 102u64;
		let key =
			itc_primitives::device::DeviceKey::Ed25519(sp_core::ed25519::Public::from_raw([3; 32]));
		itc_primitives::device::testing::MockDevices::add(key, &third, &OWNER, 0);
		assert_ok!(DagAccounts::lock(RuntimeOrigin::signed(OWNER), third, 100));
		// 100 out; 90 and 10 in.
		assert_ok!(settle(&[change(DEVICE, -100), change(EMPTY_DEVICE, 90), change(third, 10),]));
		assert_eq!((held(DEVICE), held(EMPTY_DEVICE), held(third)), (200, 140, 110));
	});
}

#[test]
fn settle_fails_when_a_debtor_holds_too_little() {
	new_test_ext(|| {
		two_micro_accounts();
		assert_noop!(
			settle(&[change(DEVICE, -301), change(EMPTY_DEVICE, 301)]),
			Error::<Test>::InsufficientLocked
		);
		assert_noop!(
			settle(&[change(OTHER, -1), change(DEVICE, 1)]),
			Error::<Test>::InsufficientLocked
		);
	});
}

#[test]
fn settle_fails_when_a_creditor_has_no_micro_account() {
	new_test_ext(|| {
		two_micro_accounts();
		assert_noop!(settle(&[change(OTHER, 10), change(DEVICE, -10)]), Error::<Test>::NotADevice);
	});
}

#[test]
fn settle_fails_when_changes_do_not_balance() {
	new_test_ext(|| {
		two_micro_accounts();
		assert_noop!(
			settle(&[change(DEVICE, -10), change(EMPTY_DEVICE, 9)]),
			sp_runtime::DispatchError::Other("settlement does not balance")
		);
		assert_ok!(settle(&[]));
	});
}

#[test]
fn settle_refuses_a_repeated_account() {
	new_test_ext(|| {
		two_micro_accounts();
		// Each debit alone is covered (300 locked), together they are not.
		assert_noop!(
			settle(&[change(DEVICE, -200), change(DEVICE, -200), change(EMPTY_DEVICE, 400)]),
			Error::<Test>::AccountsNotAscending
		);
		assert_noop!(
			settle(&[change(EMPTY_DEVICE, 10), change(DEVICE, -10)]),
			Error::<Test>::AccountsNotAscending
		);
	});
}

#[test]
fn settle_moves_each_senders_watermark_past_what_it_settled() {
	new_test_ext(|| {
		two_micro_accounts();
		let pay = [change(DEVICE, -10), change(EMPTY_DEVICE, 10)];
		assert_ok!(DagAccounts::settle(&pay, &[range(DEVICE, 0, 3), range(EMPTY_DEVICE, 0, 1)]));
		assert_eq!((NextSeq::<Test>::get(DEVICE), NextSeq::<Test>::get(EMPTY_DEVICE)), (3, 1));
		assert_eq!(DagAccounts::next_seq(&DEVICE), 3);
		// The next batch goes on from there.
		assert_ok!(DagAccounts::settle(&pay, &[range(DEVICE, 3, 4)]));
		assert_eq!(NextSeq::<Test>::get(DEVICE), 4);
		assert_eq!(held(EMPTY_DEVICE), 70);
	});
}

#[test]
fn a_replayed_or_gapped_run_of_numbers_settles_nothing() {
	new_test_ext(|| {
		two_micro_accounts();
		let pay = [change(DEVICE, -10), change(EMPTY_DEVICE, 10)];
		assert_ok!(DagAccounts::settle(&pay, &[range(DEVICE, 0, 2)]));
		// The same transactions again (a node that missed the anchor cut them again).
		assert_noop!(
			DagAccounts::settle(&pay, &[range(DEVICE, 0, 2)]),
			Error::<Test>::SequenceMismatch
		);
		// Overlapping the settled numbers.
		assert_noop!(
			DagAccounts::settle(&pay, &[range(DEVICE, 1, 3)]),
			Error::<Test>::SequenceMismatch
		);
		// Skipping number 2.
		assert_noop!(
			DagAccounts::settle(&pay, &[range(DEVICE, 3, 4)]),
			Error::<Test>::SequenceMismatch
		);
		// An empty range.
		assert_noop!(
			DagAccounts::settle(&pay, &[range(DEVICE, 2, 2)]),
			Error::<Test>::SequenceMismatch
		);
		// Nothing moved: the debtor still holds 290.
		assert_eq!(held(DEVICE), 290);
		assert_eq!(NextSeq::<Test>::get(DEVICE), 2);
	});
}

#[test]
fn watermarks_are_kept_for_devices_only() {
	new_test_ext(|| {
		two_micro_accounts();
		let pay = [change(DEVICE, -10), change(EMPTY_DEVICE, 10)];
		assert_noop!(DagAccounts::settle(&pay, &[range(OTHER, 0, 1)]), Error::<Test>::NotADevice);
		assert_eq!(NextSeq::<Test>::get(OTHER), 0);
	});
}

#[test]
fn a_device_that_emptied_its_micro_account_after_the_cut_is_still_credited() {
	new_test_ext(|| {
		two_micro_accounts();
		// The recipient asks everything back and withdraws it once due: its record is gone.
		assert_ok!(DagAccounts::unlock(RuntimeOrigin::signed(EMPTY_DEVICE), 50));
		System::set_block_number(1 + DELAY);
		assert_ok!(DagAccounts::withdraw(RuntimeOrigin::signed(EMPTY_DEVICE)));
		assert_eq!(Accounts::<Test>::get(EMPTY_DEVICE), None);
		// A payment cut before that still lands, in a micro-account opened again.
		assert_ok!(settle(&[change(DEVICE, -30), change(EMPTY_DEVICE, 30)]));
		assert_eq!(Accounts::<Test>::get(EMPTY_DEVICE).unwrap().locked, 30);
		assert_eq!(held(EMPTY_DEVICE), 30);
	});
}

#[test]
fn held_through_counts_what_cannot_be_withdrawn_by_then() {
	new_test_ext(|| {
		assert_ok!(DagAccounts::lock(RuntimeOrigin::signed(OWNER), DEVICE, 300));
		assert_ok!(DagAccounts::unlock(RuntimeOrigin::signed(DEVICE), 100)); // due at 1 + DELAY
		assert_eq!(DagAccounts::held_through(&DEVICE, DELAY), 300, "not due by then: counts");
		assert_eq!(DagAccounts::held_through(&DEVICE, 1 + DELAY), 200, "due: may be gone");
		assert_eq!(DagAccounts::held_through(&OTHER, 0), 0);
	});
}
