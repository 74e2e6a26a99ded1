//! `register`.

use crate::{mock::*, CodeOfAccount, DeviceInfoOf, DevicesOfManufacturer, Error, Event};
use frame_support::{assert_noop, assert_ok};
use itc_primitives::device::{ChangeReason, DeviceKey, DeviceStatus, Role};
use sp_core::{sr25519, Pair};
use sp_runtime::traits::BadOrigin;

#[test]
fn register_works() {
	new_test_ext(|| {
		let code = register(&[1])[0];
		let device = DeviceInfoOf::<Test>::get(code).unwrap();
		let account = device_key(1).account();
		assert_eq!(device.manufacturer, MAKER_ID);
		assert_eq!(&device.model[..], MODEL);
		assert_eq!(&device.serial[..], b"SN1");
		assert_eq!(device.account(), account);
		assert_eq!(
			(device.owner, device.status, device.nonce),
			(None, DeviceStatus::Registered, 0)
		);
		assert_eq!(device.last_change.by, Role::Manufacturer);
		assert_eq!(device.last_change.who, Some(MAKER));
		assert_eq!(device.last_change.reason, ChangeReason::Manufactured);
		assert_eq!(CodeOfAccount::<Test>::get(&account), Some(code));
		assert!(DevicesOfManufacturer::<Test>::contains_key(MAKER_ID, code));
		System::assert_last_event(
			Event::DeviceRegistered { code, manufacturer: MAKER_ID, account }.into(),
		);
	});
}

#[test]
fn register_works_for_a_full_batch() {
	new_test_ext(|| {
		let codes = register(&[1, 2, 3, 4, 5]);
		for code in &codes {
			assert!(DeviceInfoOf::<Test>::contains_key(code));
		}
		assert_eq!(
			pallet_manufacturers::ManufacturerInfoOf::<Test>::get(MAKER_ID).unwrap().registered,
			5
		);
	});
}

#[test]
fn register_works_for_sr25519_keys() {
	new_test_ext(|| {
		let key = DeviceKey::Sr25519(sr25519::Pair::from_seed(&[9; 32]).public());
		let spec = crate::DeviceSpec { model: MODEL.to_vec(), serial: b"SR".to_vec(), key };
		assert_ok!(Devices::register(RuntimeOrigin::signed(MAKER), vec![spec]));
		assert!(CodeOfAccount::<Test>::contains_key(key.account()));
	});
}

#[test]
fn register_fails_when_unsigned() {
	new_test_ext(|| {
		assert_noop!(Devices::register(RuntimeOrigin::root(), vec![spec(1)]), BadOrigin);
	});
}

#[test]
fn register_fails_when_not_manufacturer() {
	new_test_ext(|| {
		assert_noop!(
			Devices::register(RuntimeOrigin::signed(OTHER), vec![spec(1)]),
			Error::<Test>::NotManufacturer
		);
	});
}

#[test]
fn register_fails_when_manufacturer_not_approved() {
	new_test_ext(|| {
		// Pending.
		assert_noop!(
			Devices::register(RuntimeOrigin::signed(RIVAL), vec![spec(1)]),
			Error::<Test>::ManufacturerNotApproved
		);
		// Frozen.
		assert_ok!(Manufacturers::freeze(RuntimeOrigin::root(), MAKER_ID));
		assert_noop!(
			Devices::register(RuntimeOrigin::signed(MAKER), vec![spec(1)]),
			Error::<Test>::ManufacturerNotApproved
		);
	});
}

#[test]
fn register_fails_when_batch_empty() {
	new_test_ext(|| {
		assert_noop!(
			Devices::register(RuntimeOrigin::signed(MAKER), vec![]),
			Error::<Test>::EmptyBatch
		);
	});
}

#[test]
fn register_fails_when_batch_too_large() {
	new_test_ext(|| {
		assert_noop!(
			Devices::register(RuntimeOrigin::signed(MAKER), (1..=6).map(spec).collect()),
			Error::<Test>::TooManyDevices
		);
	});
}

#[test]
fn register_fails_when_model_bad() {
	new_test_ext(|| {
		for model in [vec![], vec![b'm'; 9]] {
			let spec = crate::DeviceSpec { model, ..spec(1) };
			assert_noop!(
				Devices::register(RuntimeOrigin::signed(MAKER), vec![spec]),
				Error::<Test>::BadModel
			);
		}
	});
}

#[test]
fn register_fails_when_serial_bad() {
	new_test_ext(|| {
		for serial in [vec![], vec![b's'; 9]] {
			let spec = crate::DeviceSpec { serial, ..spec(1) };
			assert_noop!(
				Devices::register(RuntimeOrigin::signed(MAKER), vec![spec]),
				Error::<Test>::BadSerial
			);
		}
	});
}

#[test]
fn register_fails_when_code_taken() {
	new_test_ext(|| {
		register(&[1]);
		assert_noop!(
			Devices::register(RuntimeOrigin::signed(MAKER), vec![spec(1)]),
			Error::<Test>::CodeTaken
		);
		// A batch that repeats a device fails whole.
		assert_noop!(
			Devices::register(RuntimeOrigin::signed(MAKER), vec![spec(2), spec(2)]),
			Error::<Test>::CodeTaken
		);
	});
}

#[test]
fn register_fails_when_key_taken() {
	new_test_ext(|| {
		register(&[1]);
		let same_key = crate::DeviceSpec { serial: b"OTHER".to_vec(), ..spec(1) };
		assert_noop!(
			Devices::register(RuntimeOrigin::signed(MAKER), vec![same_key.clone()]),
			Error::<Test>::KeyTaken
		);
		let twice = crate::DeviceSpec { serial: b"TWICE".to_vec(), ..spec(2) };
		assert_noop!(
			Devices::register(RuntimeOrigin::signed(MAKER), vec![spec(2), twice]),
			Error::<Test>::KeyTaken
		);
	});
}

#[test]
fn register_fails_when_quota_exceeded() {
	new_test_ext(|| {
		register(&[1, 2, 3, 4, 5]);
		register(&[6, 7, 8, 9]);
		assert_noop!(
			Devices::register(RuntimeOrigin::signed(MAKER), vec![spec(10), spec(11)]),
			pallet_manufacturers::Error::<Test>::QuotaExceeded
		);
		register(&[10]);
	});
}
