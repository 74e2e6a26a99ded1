//! Each function's answers, each input error, and the weights charged.

use crate::{mock::*, weights::SubstrateWeight, Function, InputError, Query, WeightInfo};
use codec::Encode;
use itc_primitives::{
	device::{
		contract_payload, testing::MockDevices, DeviceCode, DeviceKey, DeviceSignature,
		DeviceStatus, ManufacturerStatus, Role,
	},
	market::ListingInfo,
};
use sp_core::{ed25519, sr25519, Pair};

const OWNER: AccountId = 20;
const CONTRACT: AccountId = 99;
const MAKER: u32 = 3;

fn ed_pair() -> ed25519::Pair {
	ed25519::Pair::from_seed(&[7; 32])
}

/// An active device of approved manufacturer `MAKER`, owned by `OWNER`, with an ed25519 key.
fn device() -> DeviceCode {
	MockManufacturers::set(MAKER, ManufacturerStatus::Approved);
	MockDevices::add(DeviceKey::Ed25519(ed_pair().public()), &10u64, &OWNER, MAKER)
}

/// Decodes `input` for `function` and answers it as contract `CONTRACT`.
fn ask(function: Function, input: &[u8]) -> Result<Vec<u8>, InputError> {
	Ok(Query::decode(function, input, MaxMessageLen::get())?.answer::<Test>(&CONTRACT))
}

fn genesis() -> <Test as frame_system::Config>::Hash {
	frame_system::Pallet::<Test>::block_hash(0)
}

fn signed(code: &DeviceCode, message: &[u8]) -> Vec<u8> {
	let payload = contract_payload(&genesis(), code, &CONTRACT, message);
	(code, message, DeviceSignature::Ed25519(ed_pair().sign(&payload))).encode()
}

#[test]
fn function_ids_are_the_documented_ones() {
	let ids: Vec<_> = (0..=8).map(Function::from_id).collect();
	assert_eq!(
		ids,
		vec![
			None,
			Some(Function::DeviceStatus),
			Some(Function::DeviceOwner),
			Some(Function::DeviceManufacturer),
			Some(Function::DeviceActive),
			Some(Function::ManufacturerActive),
			Some(Function::Listing),
			Some(Function::VerifyDeviceSignature),
			None,
		]
	);
	assert_eq!(Function::from_id(u16::MAX), None);
}

#[test]
fn device_status_answers_the_status_or_none() {
	new_test_ext().execute_with(|| {
		let code = device();
		assert_eq!(
			ask(Function::DeviceStatus, &code.encode()),
			Ok(Some(DeviceStatus::Active).encode())
		);
		let suspended = DeviceStatus::Suspended { by: Role::Owner };
		MockDevices::set_status(&code, suspended);
		assert_eq!(ask(Function::DeviceStatus, &code.encode()), Ok(Some(suspended).encode()));
		let unknown = DeviceCode([1; 15]);
		assert_eq!(
			ask(Function::DeviceStatus, &unknown.encode()),
			Ok(None::<DeviceStatus>.encode())
		);
	});
}

#[test]
fn device_owner_answers_the_owner_or_none() {
	new_test_ext().execute_with(|| {
		let code = device();
		assert_eq!(ask(Function::DeviceOwner, &code.encode()), Ok(Some(OWNER).encode()));
		MockDevices::set_owner(&code, &21u64);
		assert_eq!(ask(Function::DeviceOwner, &code.encode()), Ok(Some(21u64).encode()));
		let unknown = DeviceCode([1; 15]);
		assert_eq!(ask(Function::DeviceOwner, &unknown.encode()), Ok(None::<AccountId>.encode()));
	});
}

#[test]
fn device_manufacturer_answers_the_maker_or_none() {
	new_test_ext().execute_with(|| {
		let code = device();
		assert_eq!(ask(Function::DeviceManufacturer, &code.encode()), Ok(Some(MAKER).encode()));
		let unknown = DeviceCode([1; 15]);
		assert_eq!(ask(Function::DeviceManufacturer, &unknown.encode()), Ok(None::<u32>.encode()));
	});
}

#[test]
fn device_active_needs_an_active_device_of_an_approved_maker() {
	new_test_ext().execute_with(|| {
		let code = device();
		assert_eq!(ask(Function::DeviceActive, &code.encode()), Ok(true.encode()));
		MockDevices::set_manufacturer_approved(MAKER, false);
		assert_eq!(ask(Function::DeviceActive, &code.encode()), Ok(false.encode()));
		MockDevices::set_manufacturer_approved(MAKER, true);
		MockDevices::set_status(&code, DeviceStatus::Suspended { by: Role::Governance });
		assert_eq!(ask(Function::DeviceActive, &code.encode()), Ok(false.encode()));
		assert_eq!(ask(Function::DeviceActive, &DeviceCode([1; 15]).encode()), Ok(false.encode()));
	});
}

#[test]
fn manufacturer_active_means_approved() {
	new_test_ext().execute_with(|| {
		for (status, active) in [
			(ManufacturerStatus::Approved, true),
			(ManufacturerStatus::Pending, false),
			(ManufacturerStatus::Frozen, false),
			(ManufacturerStatus::Retired, false),
		] {
			MockManufacturers::set(MAKER, status);
			assert_eq!(ask(Function::ManufacturerActive, &MAKER.encode()), Ok(active.encode()));
		}
		assert_eq!(ask(Function::ManufacturerActive, &77u32.encode()), Ok(false.encode()));
	});
}

#[test]
fn listing_answers_its_public_facts_or_none() {
	new_test_ext().execute_with(|| {
		let listing = ListingInfo {
			seller: OWNER,
			device: device(),
			price: 5_000,
			expires_at: 90,
			max_sales: 3,
			sold: 1,
			open: true,
		};
		MockListings::set(4, listing.clone());
		assert_eq!(ask(Function::Listing, &4u32.encode()), Ok(Some(listing).encode()));
		assert_eq!(ask(Function::Listing, &5u32.encode()), Ok(None::<Listing>.encode()));
	});
}

#[test]
fn a_device_signature_for_this_chain_and_contract_verifies() {
	new_test_ext().execute_with(|| {
		let code = device();
		assert_eq!(
			ask(Function::VerifyDeviceSignature, &signed(&code, b"rent:1")),
			Ok(true.encode())
		);
		// Empty and longest messages are fine.
		assert_eq!(ask(Function::VerifyDeviceSignature, &signed(&code, b"")), Ok(true.encode()));
		let longest = vec![1u8; MaxMessageLen::get() as usize];
		assert_eq!(
			ask(Function::VerifyDeviceSignature, &signed(&code, &longest)),
			Ok(true.encode())
		);
	});
}

#[test]
fn a_signature_of_anything_else_does_not_verify() {
	new_test_ext().execute_with(|| {
		let code = device();
		let signature_of = |payload: &[u8]| DeviceSignature::Ed25519(ed_pair().sign(payload));
		let input = |signature: DeviceSignature| (code, &b"rent:1"[..], signature).encode();
		let no = Ok(false.encode());
		// The bare message, without the context, chain and contract.
		assert_eq!(ask(Function::VerifyDeviceSignature, &input(signature_of(b"rent:1"))), no);
		// Made for another contract.
		let other_contract = contract_payload(&genesis(), &code, &98u64, b"rent:1");
		assert_eq!(ask(Function::VerifyDeviceSignature, &input(signature_of(&other_contract))), no);
		// Made for another chain.
		let other_chain = contract_payload(&[9u8; 32], &code, &CONTRACT, b"rent:1");
		assert_eq!(ask(Function::VerifyDeviceSignature, &input(signature_of(&other_chain))), no);
		// Of another message.
		let other_message = contract_payload(&genesis(), &code, &CONTRACT, b"rent:2");
		assert_eq!(ask(Function::VerifyDeviceSignature, &input(signature_of(&other_message))), no);
		// By another key, or claimed to be of the other scheme.
		let payload = contract_payload(&genesis(), &code, &CONTRACT, b"rent:1");
		let stranger = ed25519::Pair::from_seed(&[8; 32]).sign(&payload);
		assert_eq!(
			ask(Function::VerifyDeviceSignature, &input(DeviceSignature::Ed25519(stranger))),
			no
		);
		let wrong_scheme =
			DeviceSignature::Sr25519(sr25519::Signature::from_raw(ed_pair().sign(&payload).0));
		assert_eq!(ask(Function::VerifyDeviceSignature, &input(wrong_scheme)), no);
		// Of a device that does not exist.
		let unknown = DeviceCode([1; 15]);
		let for_unknown = (unknown, &b"rent:1"[..], signature_of(&payload)).encode();
		assert_eq!(ask(Function::VerifyDeviceSignature, &for_unknown), no);
	});
}

#[test]
fn a_message_over_the_limit_is_refused() {
	new_test_ext().execute_with(|| {
		let code = device();
		let too_long = vec![1u8; MaxMessageLen::get() as usize + 1];
		assert_eq!(
			ask(Function::VerifyDeviceSignature, &signed(&code, &too_long)),
			Err(InputError::MessageTooLong)
		);
	});
}

#[test]
fn inputs_that_are_not_exactly_the_arguments_are_malformed() {
	new_test_ext().execute_with(|| {
		let code = device().encode();
		for function in [
			Function::DeviceStatus,
			Function::DeviceOwner,
			Function::DeviceManufacturer,
			Function::DeviceActive,
		] {
			assert_eq!(ask(function, &code[..14]), Err(InputError::Malformed));
			assert_eq!(ask(function, &[&code[..], &[0]].concat()), Err(InputError::Malformed));
			assert_eq!(ask(function, &[]), Err(InputError::Malformed));
		}
		for function in [Function::ManufacturerActive, Function::Listing] {
			assert_eq!(ask(function, &[1, 2, 3]), Err(InputError::Malformed));
			assert_eq!(ask(function, &[1, 2, 3, 4, 5]), Err(InputError::Malformed));
		}
		let good = signed(&device(), b"m");
		assert_eq!(
			ask(Function::VerifyDeviceSignature, &good[..good.len() - 1]),
			Err(InputError::Malformed)
		);
		let mut bad_scheme = good.clone();
		let scheme_at = good.len() - 65;
		bad_scheme[scheme_at] = 2;
		assert_eq!(ask(Function::VerifyDeviceSignature, &bad_scheme), Err(InputError::Malformed));
	});
}

#[test]
fn the_longest_inputs_are_the_largest_arguments() {
	new_test_ext().execute_with(|| {
		let max = MaxMessageLen::get();
		let code = device();
		assert_eq!(Function::DeviceStatus.max_input_len(max), code.encode().len() as u32);
		assert_eq!(Function::Listing.max_input_len(max), 4);
		assert_eq!(Function::ManufacturerActive.max_input_len(max), 4);
		let longest = signed(&code, &vec![0; max as usize]);
		// The compact length prefix of a 64-byte message takes 2 of its 5 possible bytes.
		assert_eq!(Function::VerifyDeviceSignature.max_input_len(max), longest.len() as u32 + 3);
	});
}

#[test]
fn each_function_charges_its_benchmarked_weight() {
	type W = SubstrateWeight<Test>;
	assert_eq!(Function::DeviceStatus.weight::<W>(15), W::device_status());
	assert_eq!(Function::DeviceOwner.weight::<W>(15), W::device_owner());
	assert_eq!(Function::DeviceManufacturer.weight::<W>(15), W::device_manufacturer());
	assert_eq!(Function::DeviceActive.weight::<W>(15), W::device_active());
	assert_eq!(Function::ManufacturerActive.weight::<W>(4), W::manufacturer_active());
	assert_eq!(Function::Listing.weight::<W>(4), W::listing());
	assert_eq!(Function::VerifyDeviceSignature.weight::<W>(200), W::verify_device_signature(200));
	assert!(W::verify_device_signature(1024).ref_time() > W::verify_device_signature(0).ref_time());
	assert!(W::verify_device_signature(0).ref_time() > W::device_status().ref_time());
}
