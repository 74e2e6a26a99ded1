//! `DeviceRegistry` and the runtime API's views.

use crate::{mock::*, DeviceInfoOf};
use frame_support::assert_ok;
use itc_primitives::device::{
	claim_payload, ChangeReason, DeviceRegistry, DeviceSignature, DeviceStatus,
};
use sp_core::Pair;

type Registry = Devices;

#[test]
fn registry_reports_devices() {
	new_test_ext(|| {
		let code = claimed(1);
		let account = device_key(1).account();
		assert_eq!(<Registry as DeviceRegistry<_>>::status(&code), Some(DeviceStatus::Active));
		assert_eq!(<Registry as DeviceRegistry<_>>::owner(&code), Some(OWNER));
		assert_eq!(<Registry as DeviceRegistry<_>>::manufacturer(&code), Some(MAKER_ID));
		assert_eq!(<Registry as DeviceRegistry<_>>::device_account(&code), Some(account.clone()));
		assert_eq!(
			<Registry as DeviceRegistry<sp_runtime::AccountId32>>::code_of(&account),
			Some(code)
		);
		assert_eq!(
			<Registry as DeviceRegistry<sp_runtime::AccountId32>>::status(&crate::mock::code(9)),
			None
		);
	});
}

#[test]
fn is_active_needs_an_active_device_of_an_approved_manufacturer() {
	new_test_ext(|| {
		let active = |code| <Registry as DeviceRegistry<sp_runtime::AccountId32>>::is_active(&code);
		let unclaimed = register(&[1])[0];
		let code = claimed(2);
		assert!(!active(unclaimed));
		assert!(active(code));
		assert_ok!(Manufacturers::freeze(RuntimeOrigin::root(), MAKER_ID));
		assert!(!active(code));
		assert!(!Devices::device_view(code).unwrap().earning);
		assert_ok!(Manufacturers::release(RuntimeOrigin::root(), MAKER_ID));
		assert!(active(code));
		assert_ok!(Devices::suspend(RuntimeOrigin::signed(OWNER), code, ChangeReason::Lost));
		assert!(!active(code));
		assert_ok!(Devices::reinstate(RuntimeOrigin::signed(OWNER), code, ChangeReason::Resolved));
		assert_ok!(Manufacturers::retire(RuntimeOrigin::root(), MAKER_ID));
		assert!(!active(code));
	});
}

#[test]
fn registry_verifies_device_signatures() {
	new_test_ext(|| {
		let code = register(&[1])[0];
		let good = DeviceSignature::Ed25519(device_pair(1).sign(b"reading 42"));
		let verify = |message: &[u8], sig: &DeviceSignature| {
			<Registry as DeviceRegistry<sp_runtime::AccountId32>>::verify_signature(
				&code, message, sig,
			)
		};
		assert!(verify(b"reading 42", &good));
		assert!(!verify(b"reading 43", &good));
		assert!(!verify(
			b"reading 42",
			&DeviceSignature::Ed25519(device_pair(2).sign(b"reading 42"))
		));
	});
}

#[test]
fn views_page_through_owner_and_manufacturer_devices() {
	new_test_ext(|| {
		let codes: Vec<_> = (1..=5).map(claimed).collect();
		let mut sorted = codes.clone();
		sorted.sort();

		let first = Devices::devices_of_owner(OWNER, None, 2);
		let second = Devices::devices_of_owner(OWNER, Some(first[1].code), 2);
		let third = Devices::devices_of_owner(OWNER, Some(second[1].code), 2);
		let paged: Vec<_> = first.iter().chain(&second).chain(&third).map(|v| v.code).collect();
		assert_eq!(paged, sorted);
		assert!(Devices::devices_of_owner(OWNER, Some(sorted[4]), 2).is_empty());
		assert!(Devices::devices_of_owner(OTHER, None, 10).is_empty());

		let all: Vec<_> = Devices::devices_of_manufacturer(MAKER_ID, None, u32::MAX)
			.iter()
			.map(|v| v.code)
			.collect();
		assert_eq!(all, sorted);
		assert!(Devices::devices_of_manufacturer(1, None, 10).is_empty());
	});
}

#[test]
fn views_find_devices_by_human_code() {
	new_test_ext(|| {
		let code = claimed(1);
		let view = Devices::device_view(code).unwrap();
		assert_eq!(view.human_code, code.to_human().to_vec());
		assert_eq!(view.info, DeviceInfoOf::<Test>::get(code).unwrap());
		assert!(view.earning);
		let found = Devices::device_by_human_code(view.human_code.to_ascii_lowercase()).unwrap();
		assert_eq!(found.code, code);
		let mut typo = view.human_code.clone();
		typo[5] = if typo[5] == b'0' { b'1' } else { b'0' };
		assert!(Devices::device_by_human_code(typo).is_none());
		assert!(Devices::device_by_human_code(b"garbage".to_vec()).is_none());
		assert!(Devices::device_view(crate::mock::code(9)).is_none());
	});
}

#[test]
fn claim_message_is_what_the_device_signs() {
	new_test_ext(|| {
		let code = register(&[1])[0];
		let crate::MessageToSign { message, nonce } = Devices::claim_message(code, OWNER).unwrap();
		assert_eq!(nonce, 0);
		assert_eq!(message, claim_payload(&Devices::genesis_hash(), &code, &OWNER, 0));
		let proof = DeviceSignature::Ed25519(device_pair(1).sign(&message));
		assert_ok!(Devices::claim(RuntimeOrigin::signed(OWNER), code, proof));
		assert_eq!(
			Devices::firmware_message(code, b"1.0".to_vec()).unwrap().message,
			itc_primitives::device::firmware_payload(&Devices::genesis_hash(), &code, b"1.0", 1)
		);
		assert!(Devices::claim_message(crate::mock::code(9), OWNER).is_none());
	});
}
