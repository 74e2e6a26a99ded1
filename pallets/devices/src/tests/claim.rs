//! `claim` and `transfer`.

use crate::{mock::*, DeviceInfoOf, DevicesOfOwner, Error, Event};
use frame_support::{assert_noop, assert_ok};
use itc_primitives::device::{claim_payload, ChangeReason, DeviceSignature, DeviceStatus, Role};
use sp_core::Pair;

#[test]
fn claim_works() {
	new_test_ext(|| {
		let code = register(&[1])[0];
		assert_ok!(Devices::claim(RuntimeOrigin::signed(OWNER), code, claim_proof(1, &OWNER, 0)));
		let device = DeviceInfoOf::<Test>::get(code).unwrap();
		assert_eq!(
			(device.owner, device.status, device.nonce),
			(Some(OWNER), DeviceStatus::Active, 1)
		);
		assert_eq!(device.last_change.by, Role::Owner);
		assert_eq!(device.last_change.reason, ChangeReason::Claimed);
		assert!(DevicesOfOwner::<Test>::contains_key(OWNER, code));
		System::assert_last_event(Event::DeviceClaimed { code, owner: OWNER }.into());
	});
}

#[test]
fn claim_fails_when_device_unknown() {
	new_test_ext(|| {
		assert_noop!(
			Devices::claim(RuntimeOrigin::signed(OWNER), code(1), claim_proof(1, &OWNER, 0)),
			Error::<Test>::DeviceNotFound
		);
	});
}

#[test]
fn claim_fails_when_signature_bad() {
	new_test_ext(|| {
		let code = register(&[1, 2])[0];
		let genesis = Devices::genesis_hash();
		let sign = |message: Vec<u8>| DeviceSignature::Ed25519(device_pair(1).sign(&message));
		let bad = [
			// Another device's key.
			claim_proof(2, &OWNER, 0),
			// Made out to another owner: a watcher cannot front-run the claim.
			claim_proof(1, &OTHER, 0),
			// A future nonce.
			claim_proof(1, &OWNER, 1),
			// Another chain.
			sign(claim_payload(&[0u8; 32], &code, &OWNER, 0)),
			// The right fields without the context string.
			sign(codec::Encode::encode(&(genesis, code, OWNER, 0u32))),
			// An sr25519 signature for an ed25519 key.
			DeviceSignature::Sr25519(sp_core::sr25519::Signature::from_raw([0; 64])),
		];
		for proof in bad {
			assert_noop!(
				Devices::claim(RuntimeOrigin::signed(OWNER), code, proof),
				Error::<Test>::BadSignature
			);
		}
	});
}

#[test]
fn claim_fails_when_replayed() {
	new_test_ext(|| {
		let code = register(&[1])[0];
		let proof = claim_proof(1, &OWNER, 0);
		assert_ok!(Devices::claim(RuntimeOrigin::signed(OWNER), code, proof.clone()));
		assert_noop!(
			Devices::claim(RuntimeOrigin::signed(OWNER), code, proof),
			Error::<Test>::AlreadyClaimed
		);
		// Even a fresh proof cannot take a claimed device.
		assert_noop!(
			Devices::claim(RuntimeOrigin::signed(OTHER), code, claim_proof(1, &OTHER, 1)),
			Error::<Test>::AlreadyClaimed
		);
	});
}

#[test]
fn claim_fails_when_decommissioned() {
	new_test_ext(|| {
		let code = register(&[1])[0];
		assert_ok!(Devices::decommission(RuntimeOrigin::signed(MAKER), code, ChangeReason::Recall));
		assert_noop!(
			Devices::claim(RuntimeOrigin::signed(OWNER), code, claim_proof(1, &OWNER, 0)),
			Error::<Test>::Decommissioned
		);
	});
}

#[test]
fn claim_fails_when_nonce_exhausted() {
	new_test_ext(|| {
		let code = register(&[1])[0];
		DeviceInfoOf::<Test>::mutate(code, |d| d.as_mut().unwrap().nonce = u32::MAX);
		assert_noop!(
			Devices::claim(RuntimeOrigin::signed(OWNER), code, claim_proof(1, &OWNER, u32::MAX)),
			Error::<Test>::NonceExhausted
		);
		DeviceInfoOf::<Test>::mutate(code, |d| d.as_mut().unwrap().nonce = 0);
	});
}

#[test]
fn transfer_works() {
	new_test_ext(|| {
		let code = claimed(1);
		assert_ok!(Devices::transfer(RuntimeOrigin::signed(OWNER), code, OTHER));
		let device = DeviceInfoOf::<Test>::get(code).unwrap();
		assert_eq!(device.owner, Some(OTHER));
		assert_eq!(device.last_change.reason, ChangeReason::Transferred);
		assert_eq!(device.last_change.who, Some(OWNER));
		assert!(!DevicesOfOwner::<Test>::contains_key(OWNER, code));
		assert!(DevicesOfOwner::<Test>::contains_key(OTHER, code));
		System::assert_last_event(Event::DeviceTransferred { code, from: OWNER, to: OTHER }.into());
	});
}

#[test]
fn transfer_works_while_suspended() {
	new_test_ext(|| {
		let code = claimed(1);
		assert_ok!(Devices::suspend(RuntimeOrigin::root(), code, ChangeReason::Fraud));
		assert_ok!(Devices::transfer(RuntimeOrigin::signed(OWNER), code, OTHER));
		// The suspension stays with the device.
		assert_eq!(
			DeviceInfoOf::<Test>::get(code).unwrap().status,
			DeviceStatus::Suspended { by: Role::Governance }
		);
	});
}

#[test]
fn transfer_fails_when_device_unknown() {
	new_test_ext(|| {
		assert_noop!(
			Devices::transfer(RuntimeOrigin::signed(OWNER), code(1), OTHER),
			Error::<Test>::DeviceNotFound
		);
	});
}

#[test]
fn transfer_fails_when_not_owner() {
	new_test_ext(|| {
		let code = claimed(1);
		assert_noop!(
			Devices::transfer(RuntimeOrigin::signed(OTHER), code, OTHER),
			Error::<Test>::NotOwner
		);
		// Nobody owns an unclaimed device, not even its manufacturer.
		let unclaimed = register(&[2])[0];
		assert_noop!(
			Devices::transfer(RuntimeOrigin::signed(MAKER), unclaimed, OTHER),
			Error::<Test>::NotOwner
		);
	});
}

#[test]
fn transfer_fails_when_same_owner() {
	new_test_ext(|| {
		let code = claimed(1);
		assert_noop!(
			Devices::transfer(RuntimeOrigin::signed(OWNER), code, OWNER),
			Error::<Test>::SameOwner
		);
	});
}

#[test]
fn transfer_fails_when_decommissioned() {
	new_test_ext(|| {
		let code = claimed(1);
		assert_ok!(Devices::decommission(
			RuntimeOrigin::signed(OWNER),
			code,
			ChangeReason::EndOfLife
		));
		assert_noop!(
			Devices::transfer(RuntimeOrigin::signed(OWNER), code, OTHER),
			Error::<Test>::Decommissioned
		);
	});
}
