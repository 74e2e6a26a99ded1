//! `suspend`, `reinstate` and `decommission`.

use crate::{mock::*, DeviceInfoOf, Error, Event};
use frame_support::{assert_noop, assert_ok};
use itc_primitives::device::{ChangeReason, DeviceStatus, Role};
use sp_runtime::traits::BadOrigin;

fn status(code: itc_primitives::device::DeviceCode) -> DeviceStatus {
	DeviceInfoOf::<Test>::get(code).unwrap().status
}

#[test]
fn suspend_works_for_owner_manufacturer_and_governance() {
	new_test_ext(|| {
		let cases = [
			(RuntimeOrigin::signed(OWNER), Role::Owner, Some(OWNER)),
			(RuntimeOrigin::signed(MAKER), Role::Manufacturer, Some(MAKER)),
			(RuntimeOrigin::root(), Role::Governance, None),
		];
		for (seed, (origin, by, who)) in (1u8..).zip(cases) {
			let code = claimed(seed);
			assert_ok!(Devices::suspend(origin, code, ChangeReason::Maintenance));
			assert_eq!(status(code), DeviceStatus::Suspended { by });
			let device = DeviceInfoOf::<Test>::get(code).unwrap();
			assert_eq!((device.last_change.by, device.last_change.who.clone()), (by, who.clone()));
			assert_eq!(device.last_change.reason, ChangeReason::Maintenance);
			System::assert_last_event(
				Event::DeviceSuspended { code, by, who, reason: ChangeReason::Maintenance }.into(),
			);
		}
	});
}

#[test]
fn suspend_fails_when_device_unknown() {
	new_test_ext(|| {
		assert_noop!(
			Devices::suspend(RuntimeOrigin::root(), code(1), ChangeReason::Lost),
			Error::<Test>::DeviceNotFound
		);
	});
}

#[test]
fn suspend_fails_when_not_authorized() {
	new_test_ext(|| {
		let code = claimed(1);
		assert_noop!(
			Devices::suspend(RuntimeOrigin::signed(OTHER), code, ChangeReason::Lost),
			Error::<Test>::NotAuthorized
		);
		// Another manufacturer holds no role over this device.
		assert_ok!(Manufacturers::approve(RuntimeOrigin::root(), 1, 5));
		assert_noop!(
			Devices::suspend(RuntimeOrigin::signed(RIVAL), code, ChangeReason::Lost),
			Error::<Test>::NotAuthorized
		);
		assert_noop!(Devices::suspend(RuntimeOrigin::none(), code, ChangeReason::Lost), BadOrigin);
	});
}

#[test]
fn suspend_fails_when_retired_manufacturer() {
	new_test_ext(|| {
		let code = claimed(1);
		assert_ok!(Manufacturers::retire(RuntimeOrigin::root(), MAKER_ID));
		assert_noop!(
			Devices::suspend(RuntimeOrigin::signed(MAKER), code, ChangeReason::Recall),
			Error::<Test>::NotAuthorized
		);
	});
}

#[test]
fn suspend_fails_when_not_active() {
	new_test_ext(|| {
		let unclaimed = register(&[1])[0];
		assert_noop!(
			Devices::suspend(RuntimeOrigin::root(), unclaimed, ChangeReason::Lost),
			Error::<Test>::NotActive
		);
		let code = claimed(2);
		assert_ok!(Devices::suspend(RuntimeOrigin::signed(OWNER), code, ChangeReason::Lost));
		assert_noop!(
			Devices::suspend(RuntimeOrigin::signed(OWNER), code, ChangeReason::Lost),
			Error::<Test>::NotActive
		);
	});
}

#[test]
fn reinstate_works() {
	new_test_ext(|| {
		let code = claimed(1);
		assert_ok!(Devices::suspend(RuntimeOrigin::signed(OWNER), code, ChangeReason::Lost));
		// A higher authority may lift an owner's suspension.
		assert_ok!(Devices::reinstate(RuntimeOrigin::signed(MAKER), code, ChangeReason::Resolved));
		assert_eq!(status(code), DeviceStatus::Active);
		System::assert_last_event(
			Event::DeviceReinstated {
				code,
				by: Role::Manufacturer,
				who: Some(MAKER),
				reason: ChangeReason::Resolved,
			}
			.into(),
		);
		assert_ok!(Devices::suspend(RuntimeOrigin::signed(OWNER), code, ChangeReason::Lost));
		assert_ok!(Devices::reinstate(RuntimeOrigin::signed(OWNER), code, ChangeReason::Resolved));
		assert_eq!(status(code), DeviceStatus::Active);
	});
}

#[test]
fn reinstate_fails_when_device_unknown() {
	new_test_ext(|| {
		assert_noop!(
			Devices::reinstate(RuntimeOrigin::root(), code(1), ChangeReason::Resolved),
			Error::<Test>::DeviceNotFound
		);
	});
}

#[test]
fn reinstate_fails_when_not_authorized() {
	new_test_ext(|| {
		let code = claimed(1);
		assert_ok!(Devices::suspend(RuntimeOrigin::signed(OWNER), code, ChangeReason::Lost));
		assert_noop!(
			Devices::reinstate(RuntimeOrigin::signed(OTHER), code, ChangeReason::Resolved),
			Error::<Test>::NotAuthorized
		);
	});
}

#[test]
fn reinstate_fails_when_not_suspended() {
	new_test_ext(|| {
		let code = claimed(1);
		assert_noop!(
			Devices::reinstate(RuntimeOrigin::root(), code, ChangeReason::Resolved),
			Error::<Test>::NotSuspended
		);
	});
}

#[test]
fn reinstate_fails_when_suspended_by_higher_authority() {
	new_test_ext(|| {
		let code = claimed(1);
		assert_ok!(Devices::suspend(RuntimeOrigin::signed(MAKER), code, ChangeReason::Recall));
		assert_noop!(
			Devices::reinstate(RuntimeOrigin::signed(OWNER), code, ChangeReason::Resolved),
			Error::<Test>::SuspendedByHigherAuthority
		);
		assert_ok!(Devices::reinstate(RuntimeOrigin::signed(MAKER), code, ChangeReason::Resolved));
		assert_ok!(Devices::suspend(RuntimeOrigin::root(), code, ChangeReason::Fraud));
		assert_noop!(
			Devices::reinstate(RuntimeOrigin::signed(MAKER), code, ChangeReason::Resolved),
			Error::<Test>::SuspendedByHigherAuthority
		);
		assert_ok!(Devices::reinstate(RuntimeOrigin::root(), code, ChangeReason::Resolved));
	});
}

#[test]
fn decommission_works() {
	new_test_ext(|| {
		let code = claimed(1);
		assert_ok!(Devices::decommission(
			RuntimeOrigin::signed(OWNER),
			code,
			ChangeReason::EndOfLife
		));
		assert_eq!(status(code), DeviceStatus::Decommissioned);
		System::assert_last_event(
			Event::DeviceDecommissioned {
				code,
				by: Role::Owner,
				who: Some(OWNER),
				reason: ChangeReason::EndOfLife,
			}
			.into(),
		);
		// Neither the code nor the key can come back.
		assert_noop!(
			Devices::register(RuntimeOrigin::signed(MAKER), vec![spec(1)]),
			Error::<Test>::CodeTaken
		);
		let same_key = crate::DeviceSpec { serial: b"NEW".to_vec(), ..spec(1) };
		assert_noop!(
			Devices::register(RuntimeOrigin::signed(MAKER), vec![same_key]),
			Error::<Test>::KeyTaken
		);
	});
}

#[test]
fn decommission_works_for_unclaimed_and_suspended_devices() {
	new_test_ext(|| {
		let unclaimed = register(&[1])[0];
		assert_ok!(Devices::decommission(
			RuntimeOrigin::signed(MAKER),
			unclaimed,
			ChangeReason::Recall
		));
		let code = claimed(2);
		assert_ok!(Devices::suspend(RuntimeOrigin::root(), code, ChangeReason::Fraud));
		assert_ok!(Devices::decommission(RuntimeOrigin::root(), code, ChangeReason::Fraud));
		assert_eq!(status(code), DeviceStatus::Decommissioned);
	});
}

#[test]
fn decommission_fails_when_device_unknown() {
	new_test_ext(|| {
		assert_noop!(
			Devices::decommission(RuntimeOrigin::root(), code(1), ChangeReason::EndOfLife),
			Error::<Test>::DeviceNotFound
		);
	});
}

#[test]
fn decommission_fails_when_not_authorized() {
	new_test_ext(|| {
		let code = claimed(1);
		assert_noop!(
			Devices::decommission(RuntimeOrigin::signed(OTHER), code, ChangeReason::EndOfLife),
			Error::<Test>::NotAuthorized
		);
	});
}

#[test]
fn decommission_fails_when_already_decommissioned() {
	new_test_ext(|| {
		let code = claimed(1);
		assert_ok!(Devices::decommission(RuntimeOrigin::root(), code, ChangeReason::EndOfLife));
		assert_noop!(
			Devices::decommission(RuntimeOrigin::root(), code, ChangeReason::EndOfLife),
			Error::<Test>::Decommissioned
		);
		assert_noop!(
			Devices::suspend(RuntimeOrigin::root(), code, ChangeReason::EndOfLife),
			Error::<Test>::NotActive
		);
	});
}
