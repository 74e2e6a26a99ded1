//! Unit tests: one success test per call and one test per error it can return.

mod migration;
mod stake;

use crate::{mock::*, Error, Event, ManufacturerIdOf, ManufacturerInfoOf, ManufacturerStatus};
use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, InspectHold},
};
use itc_primitives::device::ManufacturerRegistry;
use sp_runtime::{traits::BadOrigin, DispatchError};

fn held(who: u64) -> u64 {
	Balances::total_balance_on_hold(&who)
}

/// What the registry's pot holds: every deposit.
pub(crate) fn pot_held() -> u64 {
	held(crate::Pallet::<Test>::pot())
}

pub(crate) fn apply(who: u64) -> u32 {
	assert_ok!(Manufacturers::apply(
		RuntimeOrigin::signed(who),
		b"Acme Sensors".to_vec().try_into().unwrap(),
		*b"DE",
		b"https://acme.example".to_vec().try_into().unwrap(),
	));
	ManufacturerIdOf::<Test>::get(who).unwrap()
}

pub(crate) fn approved(who: u64, quota: u32) -> u32 {
	let id = apply(who);
	assert_ok!(Manufacturers::approve(RuntimeOrigin::root(), id, quota));
	id
}

fn status(id: u32) -> ManufacturerStatus {
	ManufacturerInfoOf::<Test>::get(id).unwrap().status
}

#[test]
fn apply_works() {
	new_test_ext(|| {
		let id = apply(ACME);
		assert_eq!(id, 0);
		let info = ManufacturerInfoOf::<Test>::get(id).unwrap();
		assert_eq!(info.account, ACME);
		assert_eq!(info.status, ManufacturerStatus::Pending);
		assert_eq!(&info.country, b"DE");
		assert_eq!((info.quota, info.registered, info.deposit), (0, 0, 100));
		// The deposit left for the pot, with the pot's existential deposit (once).
		assert_eq!((held(ACME), pot_held()), (0, 100));
		assert_eq!(Balances::balance(&ACME), 1_000 - 100 - 1);
		System::assert_last_event(Event::Applied { id, account: ACME, deposit: 100 }.into());
		assert_eq!(apply(BOLT), 1);
	});
}

#[test]
fn apply_fails_when_already_manufacturer() {
	new_test_ext(|| {
		apply(ACME);
		assert_noop!(
			Manufacturers::apply(
				RuntimeOrigin::signed(ACME),
				b"Again".to_vec().try_into().unwrap(),
				*b"DE",
				Default::default()
			),
			Error::<Test>::AlreadyManufacturer
		);
	});
}

#[test]
fn apply_fails_when_name_empty() {
	new_test_ext(|| {
		assert_noop!(
			Manufacturers::apply(
				RuntimeOrigin::signed(ACME),
				Default::default(),
				*b"DE",
				Default::default()
			),
			Error::<Test>::EmptyName
		);
	});
}

#[test]
fn apply_fails_when_country_code_bad() {
	new_test_ext(|| {
		for country in [*b"de", *b"D1", [0, 0]] {
			assert_noop!(
				Manufacturers::apply(
					RuntimeOrigin::signed(ACME),
					b"Acme".to_vec().try_into().unwrap(),
					country,
					Default::default()
				),
				Error::<Test>::BadCountryCode
			);
		}
	});
}

#[test]
fn apply_fails_when_balance_insufficient() {
	new_test_ext(|| {
		assert_noop!(
			Manufacturers::apply(
				RuntimeOrigin::signed(POOR),
				b"Poor".to_vec().try_into().unwrap(),
				*b"DE",
				Default::default()
			),
			Error::<Test>::InsufficientBalance
		);
		assert_eq!(Balances::balance(&POOR), 50);
	});
}

#[test]
fn apply_fails_when_ids_run_out() {
	new_test_ext(|| {
		crate::NextManufacturerId::<Test>::put(u32::MAX);
		assert_noop!(
			Manufacturers::apply(
				RuntimeOrigin::signed(ACME),
				b"Acme".to_vec().try_into().unwrap(),
				*b"DE",
				Default::default()
			),
			Error::<Test>::Overflow
		);
	});
}

#[test]
fn apply_fails_when_unsigned() {
	new_test_ext(|| {
		assert_noop!(
			Manufacturers::apply(
				RuntimeOrigin::root(),
				b"Acme".to_vec().try_into().unwrap(),
				*b"DE",
				Default::default()
			),
			BadOrigin
		);
	});
}

#[test]
fn withdraw_works() {
	new_test_ext(|| {
		let id = apply(ACME);
		assert_ok!(Manufacturers::withdraw(RuntimeOrigin::signed(ACME)));
		assert_eq!((pot_held(), Balances::balance(&ACME)), (0, 1_000 - 1));
		assert!(ManufacturerInfoOf::<Test>::get(id).is_none());
		assert!(ManufacturerIdOf::<Test>::get(ACME).is_none());
		System::assert_last_event(Event::Withdrawn { id }.into());
		// The id is not reused.
		assert_eq!(apply(ACME), 1);
	});
}

#[test]
fn withdraw_fails_when_not_manufacturer() {
	new_test_ext(|| {
		assert_noop!(
			Manufacturers::withdraw(RuntimeOrigin::signed(ACME)),
			Error::<Test>::NotManufacturer
		);
	});
}

#[test]
fn withdraw_fails_when_not_pending() {
	new_test_ext(|| {
		approved(ACME, 10);
		assert_noop!(
			Manufacturers::withdraw(RuntimeOrigin::signed(ACME)),
			Error::<Test>::NotPending
		);
	});
}

#[test]
fn approve_works() {
	new_test_ext(|| {
		let id = apply(ACME);
		assert_ok!(Manufacturers::approve(RuntimeOrigin::root(), id, 10));
		assert_eq!(status(id), ManufacturerStatus::Approved);
		assert_eq!(ManufacturerInfoOf::<Test>::get(id).unwrap().quota, 10);
		System::assert_last_event(Event::Approved { id, quota: 10 }.into());
	});
}

#[test]
fn approve_fails_when_not_governance() {
	new_test_ext(|| {
		let id = apply(ACME);
		assert_noop!(Manufacturers::approve(RuntimeOrigin::signed(ACME), id, 10), BadOrigin);
	});
}

#[test]
fn approve_fails_when_unknown() {
	new_test_ext(|| {
		assert_noop!(
			Manufacturers::approve(RuntimeOrigin::root(), 7, 10),
			Error::<Test>::UnknownManufacturer
		);
	});
}

#[test]
fn approve_fails_when_not_pending() {
	new_test_ext(|| {
		let id = approved(ACME, 10);
		assert_noop!(
			Manufacturers::approve(RuntimeOrigin::root(), id, 10),
			Error::<Test>::NotPending
		);
	});
}

#[test]
fn freeze_works() {
	new_test_ext(|| {
		let id = approved(ACME, 10);
		assert_ok!(Manufacturers::freeze(RuntimeOrigin::root(), id));
		assert_eq!(status(id), ManufacturerStatus::Frozen);
		assert!(!<Manufacturers as ManufacturerRegistry<u64>>::is_approved(id));
		System::assert_last_event(Event::Frozen { id }.into());
	});
}

#[test]
fn freeze_fails_when_not_governance() {
	new_test_ext(|| {
		let id = approved(ACME, 10);
		assert_noop!(Manufacturers::freeze(RuntimeOrigin::signed(ACME), id), BadOrigin);
	});
}

#[test]
fn freeze_fails_when_unknown() {
	new_test_ext(|| {
		assert_noop!(
			Manufacturers::freeze(RuntimeOrigin::root(), 7),
			Error::<Test>::UnknownManufacturer
		);
	});
}

#[test]
fn freeze_fails_when_not_approved() {
	new_test_ext(|| {
		let id = apply(ACME);
		assert_noop!(Manufacturers::freeze(RuntimeOrigin::root(), id), Error::<Test>::NotApproved);
	});
}

#[test]
fn release_works() {
	new_test_ext(|| {
		let id = approved(ACME, 10);
		assert_ok!(Manufacturers::freeze(RuntimeOrigin::root(), id));
		assert_ok!(Manufacturers::release(RuntimeOrigin::root(), id));
		assert_eq!(status(id), ManufacturerStatus::Approved);
		System::assert_last_event(Event::Released { id }.into());
	});
}

#[test]
fn release_fails_when_not_governance() {
	new_test_ext(|| {
		let id = approved(ACME, 10);
		assert_ok!(Manufacturers::freeze(RuntimeOrigin::root(), id));
		assert_noop!(Manufacturers::release(RuntimeOrigin::signed(ACME), id), BadOrigin);
	});
}

#[test]
fn release_fails_when_unknown() {
	new_test_ext(|| {
		assert_noop!(
			Manufacturers::release(RuntimeOrigin::root(), 7),
			Error::<Test>::UnknownManufacturer
		);
	});
}

#[test]
fn release_fails_when_not_frozen() {
	new_test_ext(|| {
		let id = approved(ACME, 10);
		assert_noop!(Manufacturers::release(RuntimeOrigin::root(), id), Error::<Test>::NotFrozen);
	});
}

#[test]
fn retire_works() {
	new_test_ext(|| {
		let id = approved(ACME, 10);
		assert_ok!(Manufacturers::freeze(RuntimeOrigin::root(), id));
		assert_ok!(Manufacturers::retire(RuntimeOrigin::root(), id));
		assert_eq!(status(id), ManufacturerStatus::Retired);
		assert_eq!((pot_held(), Balances::balance(&ACME)), (0, 1_000 - 1));
		assert_eq!(ManufacturerInfoOf::<Test>::get(id).unwrap().deposit, 0);
		assert!(ManufacturerIdOf::<Test>::get(ACME).is_none());
		System::assert_last_event(Event::Retired { id }.into());
		// Retired records stay (their devices point at them); the account may apply again.
		assert_eq!(apply(ACME), 1);
	});
}

#[test]
fn retire_works_for_pending_application() {
	new_test_ext(|| {
		let id = apply(ACME);
		assert_ok!(Manufacturers::retire(RuntimeOrigin::root(), id));
		assert_eq!(status(id), ManufacturerStatus::Retired);
		assert_eq!(pot_held(), 0);
	});
}

#[test]
fn retire_fails_when_not_governance() {
	new_test_ext(|| {
		let id = approved(ACME, 10);
		assert_noop!(Manufacturers::retire(RuntimeOrigin::signed(ACME), id), BadOrigin);
	});
}

#[test]
fn retire_fails_when_unknown() {
	new_test_ext(|| {
		assert_noop!(
			Manufacturers::retire(RuntimeOrigin::root(), 7),
			Error::<Test>::UnknownManufacturer
		);
	});
}

#[test]
fn retire_fails_when_already_retired() {
	new_test_ext(|| {
		let id = approved(ACME, 10);
		assert_ok!(Manufacturers::retire(RuntimeOrigin::root(), id));
		assert_noop!(
			Manufacturers::retire(RuntimeOrigin::root(), id),
			Error::<Test>::AlreadyRetired
		);
	});
}

#[test]
fn set_quota_works() {
	new_test_ext(|| {
		let id = approved(ACME, 10);
		assert_ok!(<Manufacturers as ManufacturerRegistry<u64>>::use_quota(id, 4));
		assert_ok!(Manufacturers::set_quota(RuntimeOrigin::root(), id, 20));
		System::assert_last_event(Event::QuotaSet { id, quota: 20 }.into());
		assert_ok!(Manufacturers::set_quota(RuntimeOrigin::root(), id, 4));
		assert_eq!(ManufacturerInfoOf::<Test>::get(id).unwrap().quota, 4);
	});
}

#[test]
fn set_quota_fails_when_not_governance() {
	new_test_ext(|| {
		let id = approved(ACME, 10);
		assert_noop!(Manufacturers::set_quota(RuntimeOrigin::signed(ACME), id, 20), BadOrigin);
	});
}

#[test]
fn set_quota_fails_when_unknown() {
	new_test_ext(|| {
		assert_noop!(
			Manufacturers::set_quota(RuntimeOrigin::root(), 7, 20),
			Error::<Test>::UnknownManufacturer
		);
	});
}

#[test]
fn set_quota_fails_when_retired() {
	new_test_ext(|| {
		let id = approved(ACME, 10);
		assert_ok!(Manufacturers::retire(RuntimeOrigin::root(), id));
		assert_noop!(
			Manufacturers::set_quota(RuntimeOrigin::root(), id, 20),
			Error::<Test>::AlreadyRetired
		);
	});
}

#[test]
fn set_quota_fails_when_below_registered() {
	new_test_ext(|| {
		let id = approved(ACME, 10);
		assert_ok!(<Manufacturers as ManufacturerRegistry<u64>>::use_quota(id, 4));
		assert_noop!(
			Manufacturers::set_quota(RuntimeOrigin::root(), id, 3),
			Error::<Test>::QuotaBelowRegistered
		);
	});
}

#[test]
fn use_quota_counts_devices_up_to_the_quota() {
	new_test_ext(|| {
		type Registry = Manufacturers;
		let id = approved(ACME, 5);
		assert_ok!(<Registry as ManufacturerRegistry<u64>>::use_quota(id, 3));
		System::assert_last_event(Event::QuotaUsed { id, count: 3, registered: 3 }.into());
		assert_ok!(<Registry as ManufacturerRegistry<u64>>::use_quota(id, 2));
		assert_eq!(<Registry as ManufacturerRegistry<u64>>::registered(id), 5);
		assert_noop!(
			<Registry as ManufacturerRegistry<u64>>::use_quota(id, 1),
			Error::<Test>::QuotaExceeded
		);
		assert_noop!(
			<Registry as ManufacturerRegistry<u64>>::use_quota(id, u32::MAX),
			Error::<Test>::QuotaExceeded
		);
	});
}

#[test]
fn use_quota_fails_unless_approved() {
	new_test_ext(|| {
		type Registry = Manufacturers;
		let pending = apply(ACME);
		let frozen = approved(BOLT, 5);
		assert_ok!(Manufacturers::freeze(RuntimeOrigin::root(), frozen));
		for id in [pending, frozen] {
			assert_noop!(
				<Registry as ManufacturerRegistry<u64>>::use_quota(id, 1),
				Error::<Test>::NotApproved
			);
		}
		assert_noop!(
			<Registry as ManufacturerRegistry<u64>>::use_quota(9, 1),
			Error::<Test>::UnknownManufacturer
		);
	});
}

#[test]
fn registry_reports_accounts_and_status() {
	new_test_ext(|| {
		type Registry = Manufacturers;
		let id = approved(ACME, 5);
		assert_eq!(<Registry as ManufacturerRegistry<u64>>::manufacturer_of(&ACME), Some(id));
		assert_eq!(<Registry as ManufacturerRegistry<u64>>::account_of(id), Some(ACME));
		assert_eq!(
			<Registry as ManufacturerRegistry<u64>>::status(id),
			Some(ManufacturerStatus::Approved)
		);
		assert_eq!(<Registry as ManufacturerRegistry<u64>>::status(9), None);
		assert_eq!(<Registry as ManufacturerRegistry<u64>>::manufacturer_of(&BOLT), None);
	});
}

#[test]
fn invariants_catch_a_lost_deposit() {
	new_test_ext(|| {
		apply(ACME);
		ManufacturerInfoOf::<Test>::mutate(0, |i| i.as_mut().unwrap().deposit = 1);
		assert!(Manufacturers::do_try_state().is_err());
		ManufacturerInfoOf::<Test>::mutate(0, |i| i.as_mut().unwrap().deposit = 100);
	});
}

#[test]
fn invariants_catch_an_exceeded_quota() {
	new_test_ext(|| {
		let id = approved(ACME, 1);
		ManufacturerInfoOf::<Test>::mutate(id, |i| i.as_mut().unwrap().registered = 2);
		assert_eq!(
			Manufacturers::do_try_state(),
			Err(DispatchError::Other("registered devices exceed the quota"))
		);
		ManufacturerInfoOf::<Test>::mutate(id, |i| i.as_mut().unwrap().registered = 0);
	});
}
