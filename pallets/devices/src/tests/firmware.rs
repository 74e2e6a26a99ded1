//! `report_firmware` and `set_approved_firmware`.

use crate::{mock::*, ApprovedFirmwareOf, DeviceInfoOf, Error, Event, ModelOf};
use frame_support::{assert_noop, assert_ok};
use itc_primitives::device::ChangeReason;

fn model() -> ModelOf<Test> {
	MODEL.to_vec().try_into().unwrap()
}

fn approve(versions: &[&[u8]]) {
	assert_ok!(Devices::set_approved_firmware(
		RuntimeOrigin::signed(MAKER),
		MODEL.to_vec(),
		versions.iter().map(|v| v.to_vec()).collect()
	));
}

#[test]
fn report_firmware_works() {
	new_test_ext(|| {
		let code = claimed(1);
		approve(&[b"1.0.0"]);
		// Anyone may relay the device's report; nonce 1 follows the claim's 0.
		assert_ok!(Devices::report_firmware(
			RuntimeOrigin::signed(OTHER),
			code,
			b"1.0.0".to_vec(),
			firmware_proof(1, b"1.0.0", 1)
		));
		let device = DeviceInfoOf::<Test>::get(code).unwrap();
		assert_eq!(device.firmware.map(|f| f.into_inner()), Some(b"1.0.0".to_vec()));
		assert_eq!(device.nonce, 2);
		System::assert_last_event(
			Event::FirmwareReported {
				code,
				version: b"1.0.0".to_vec().try_into().unwrap(),
				approved: true,
			}
			.into(),
		);
		assert!(Devices::device_view(code).unwrap().firmware_approved);
		assert_ok!(Devices::report_firmware(
			RuntimeOrigin::signed(OWNER),
			code,
			b"9.9".to_vec(),
			firmware_proof(1, b"9.9", 2)
		));
		System::assert_last_event(
			Event::FirmwareReported {
				code,
				version: b"9.9".to_vec().try_into().unwrap(),
				approved: false,
			}
			.into(),
		);
		assert!(!Devices::device_view(code).unwrap().firmware_approved);
	});
}

#[test]
fn report_firmware_fails_when_device_unknown() {
	new_test_ext(|| {
		assert_noop!(
			Devices::report_firmware(
				RuntimeOrigin::signed(OWNER),
				code(1),
				b"1.0".to_vec(),
				firmware_proof(1, b"1.0", 0)
			),
			Error::<Test>::DeviceNotFound
		);
	});
}

#[test]
fn report_firmware_fails_when_decommissioned() {
	new_test_ext(|| {
		let code = register(&[1])[0];
		assert_ok!(Devices::decommission(RuntimeOrigin::root(), code, ChangeReason::EndOfLife));
		assert_noop!(
			Devices::report_firmware(
				RuntimeOrigin::signed(OWNER),
				code,
				b"1.0".to_vec(),
				firmware_proof(1, b"1.0", 0)
			),
			Error::<Test>::Decommissioned
		);
	});
}

#[test]
fn report_firmware_fails_when_version_bad() {
	new_test_ext(|| {
		let code = register(&[1])[0];
		for version in [vec![], vec![b'9'; 9]] {
			assert_noop!(
				Devices::report_firmware(
					RuntimeOrigin::signed(OWNER),
					code,
					version.clone(),
					firmware_proof(1, &version, 0)
				),
				Error::<Test>::BadFirmwareVersion
			);
		}
	});
}

#[test]
fn report_firmware_fails_when_signature_bad_or_replayed() {
	new_test_ext(|| {
		let code = register(&[1, 2])[0];
		let report = |version: &[u8], proof| {
			Devices::report_firmware(RuntimeOrigin::signed(OWNER), code, version.to_vec(), proof)
		};
		assert_noop!(report(b"1.0", firmware_proof(2, b"1.0", 0)), Error::<Test>::BadSignature);
		assert_noop!(report(b"1.1", firmware_proof(1, b"1.0", 0)), Error::<Test>::BadSignature);
		// A claim proof is not a firmware report.
		assert_noop!(report(b"1.0", claim_proof(1, &OWNER, 0)), Error::<Test>::BadSignature);
		assert_ok!(report(b"1.0", firmware_proof(1, b"1.0", 0)));
		assert_noop!(report(b"1.0", firmware_proof(1, b"1.0", 0)), Error::<Test>::BadSignature);
	});
}

#[test]
fn report_firmware_fails_when_nonce_exhausted() {
	new_test_ext(|| {
		let code = register(&[1])[0];
		DeviceInfoOf::<Test>::mutate(code, |d| d.as_mut().unwrap().nonce = u32::MAX);
		assert_noop!(
			Devices::report_firmware(
				RuntimeOrigin::signed(OWNER),
				code,
				b"1.0".to_vec(),
				firmware_proof(1, b"1.0", u32::MAX)
			),
			Error::<Test>::NonceExhausted
		);
	});
}

#[test]
fn set_approved_firmware_works() {
	new_test_ext(|| {
		approve(&[b"1.0", b"1.1"]);
		assert_eq!(ApprovedFirmwareOf::<Test>::get(MAKER_ID, model()).unwrap().len(), 2);
		System::assert_last_event(
			Event::ApprovedFirmwareSet {
				manufacturer: MAKER_ID,
				model: MODEL.to_vec().try_into().unwrap(),
				versions: 2,
			}
			.into(),
		);
		approve(&[]);
		assert!(!ApprovedFirmwareOf::<Test>::contains_key(MAKER_ID, model()));
	});
}

#[test]
fn set_approved_firmware_fails_when_not_manufacturer() {
	new_test_ext(|| {
		assert_noop!(
			Devices::set_approved_firmware(RuntimeOrigin::signed(OWNER), MODEL.to_vec(), vec![]),
			Error::<Test>::NotManufacturer
		);
	});
}

#[test]
fn set_approved_firmware_fails_when_manufacturer_not_approved() {
	new_test_ext(|| {
		assert_noop!(
			Devices::set_approved_firmware(RuntimeOrigin::signed(RIVAL), MODEL.to_vec(), vec![]),
			Error::<Test>::ManufacturerNotApproved
		);
	});
}

#[test]
fn set_approved_firmware_fails_when_model_bad() {
	new_test_ext(|| {
		assert_noop!(
			Devices::set_approved_firmware(RuntimeOrigin::signed(MAKER), vec![], vec![]),
			Error::<Test>::BadModel
		);
	});
}

#[test]
fn set_approved_firmware_fails_when_version_bad() {
	new_test_ext(|| {
		assert_noop!(
			Devices::set_approved_firmware(
				RuntimeOrigin::signed(MAKER),
				MODEL.to_vec(),
				vec![b"1.0".to_vec(), vec![]]
			),
			Error::<Test>::BadFirmwareVersion
		);
	});
}

#[test]
fn set_approved_firmware_fails_when_too_many() {
	new_test_ext(|| {
		assert_noop!(
			Devices::set_approved_firmware(
				RuntimeOrigin::signed(MAKER),
				MODEL.to_vec(),
				vec![b"1".to_vec(); 4]
			),
			Error::<Test>::TooManyFirmwareVersions
		);
	});
}
