//! Benchmarks of the extension's functions (frame-benchmarking v2): decoding the input and
//! reading the answer, for an active device of an approved manufacturer and an open listing.
//!
//! Signatures are sr25519 (made with a key the benchmark generates in the keystore), which
//! verifies a little slower than ed25519, so the weights cover both schemes.

use super::*;
use crate::query::{Function, Query};
use alloc::{vec, vec::Vec};
use codec::Encode;
use frame_benchmarking::v2::*;
use itc_primitives::device::{contract_payload, DeviceCode, DeviceKey, DeviceSignature};
use sp_core::{crypto::KeyTypeId, sr25519};
use sp_runtime::traits::Zero;

/// Key type of the keys the benchmarks generate.
const BENCH_KEY: KeyTypeId = KeyTypeId(*b"bext");

/// An active device of an approved manufacturer and its sr25519 key.
fn device<T: Config>() -> (DeviceCode, sr25519::Public) {
	let owner: T::AccountId = account("owner", 0, 0);
	let public = sp_io::crypto::sr25519_generate(BENCH_KEY, None);
	(T::Devices::benchmark_device_with_key(&owner, DeviceKey::Sr25519(public)), public)
}

/// Decodes `input` as `function`'s and answers it, as the extension does.
fn run<T: Config>(function: Function, input: &[u8], contract: &T::AccountId) -> Vec<u8> {
	Query::decode(function, input, T::MaxMessageLen::get())
		.expect("benchmark inputs are well-formed")
		.answer::<T>(contract)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn device_status() {
		let (code, _) = device::<T>();
		let contract: T::AccountId = account("contract", 0, 0);
		let answer;
		#[block]
		{
			answer = run::<T>(Function::DeviceStatus, &code.encode(), &contract);
		}
		assert_eq!(answer, Some(itc_primitives::device::DeviceStatus::Active).encode());
	}

	#[benchmark]
	fn device_owner() {
		let (code, _) = device::<T>();
		let contract: T::AccountId = account("contract", 0, 0);
		let answer;
		#[block]
		{
			answer = run::<T>(Function::DeviceOwner, &code.encode(), &contract);
		}
		assert_eq!(answer, Some(account::<T::AccountId>("owner", 0, 0)).encode());
	}

	#[benchmark]
	fn device_manufacturer() {
		let (code, _) = device::<T>();
		let contract: T::AccountId = account("contract", 0, 0);
		let answer;
		#[block]
		{
			answer = run::<T>(Function::DeviceManufacturer, &code.encode(), &contract);
		}
		assert_eq!(answer, T::Devices::manufacturer(&code).encode());
	}

	#[benchmark]
	fn device_active() {
		let (code, _) = device::<T>();
		let contract: T::AccountId = account("contract", 0, 0);
		let answer;
		#[block]
		{
			answer = run::<T>(Function::DeviceActive, &code.encode(), &contract);
		}
		assert_eq!(answer, true.encode());
	}

	#[benchmark]
	fn manufacturer_active() {
		let (code, _) = device::<T>();
		let maker = T::Devices::manufacturer(&code).expect("the device has a maker");
		let contract: T::AccountId = account("contract", 0, 0);
		let answer;
		#[block]
		{
			answer = run::<T>(Function::ManufacturerActive, &maker.encode(), &contract);
		}
		assert_eq!(answer, true.encode());
	}

	#[benchmark]
	fn listing() {
		let (code, _) = device::<T>();
		let seller: T::AccountId = account("owner", 0, 0);
		let id = T::Listings::benchmark_listing(&seller, code);
		let contract: T::AccountId = account("contract", 0, 0);
		let answer;
		#[block]
		{
			answer = run::<T>(Function::Listing, &id.encode(), &contract);
		}
		assert_eq!(answer, T::Listings::listing(id).encode());
		assert_ne!(answer, None::<()>.encode());
	}

	#[benchmark]
	fn verify_device_signature(n: Linear<0, { T::MaxMessageLen::get() }>) {
		let (code, public) = device::<T>();
		let contract: T::AccountId = account("contract", 0, 0);
		let message = vec![0x5a; n as usize];
		let genesis = frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero());
		let payload = contract_payload(&genesis, &code, &contract, &message);
		let signature = DeviceSignature::Sr25519(
			sp_io::crypto::sr25519_sign(BENCH_KEY, &public, &payload)
				.expect("key is in the keystore"),
		);
		let input = (code, message, signature).encode();
		let answer;
		#[block]
		{
			answer = run::<T>(Function::VerifyDeviceSignature, &input, &contract);
		}
		assert_eq!(answer, true.encode());
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
