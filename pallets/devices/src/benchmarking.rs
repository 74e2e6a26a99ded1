//! Benchmarks of the device pallet (frame-benchmarking v2).
//!
//! Signatures are sr25519, made with a key the benchmark generates in the keystore: sr25519
//! verification costs a little more than ed25519, so the weights cover both.

use super::*;
use crate::Pallet as Devices;
use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::{assert_ok, traits::Get};
use frame_system::RawOrigin;
use itc_primitives::device::{
	claim_payload, firmware_payload, ChangeReason, DeviceCode, DeviceKey, DeviceSignature,
	DeviceStatus, ManufacturerId,
};
use sp_core::{crypto::KeyTypeId, sr25519};
use sp_runtime::traits::StaticLookup;

/// Key type of the keys benchmarks generate.
const BENCH_KEY: KeyTypeId = KeyTypeId(*b"bdev");

/// The benchmarks' approved manufacturer, created on first use.
fn maker<T: Config>() -> (T::AccountId, ManufacturerId) {
	let who: T::AccountId = account("maker", 0, 0);
	let id = T::Manufacturers::manufacturer_of(&who)
		.unwrap_or_else(|| T::Manufacturers::benchmark_approved(&who, u32::MAX));
	(who, id)
}

fn longest(len: u32, fill: u8) -> Vec<u8> {
	vec![fill; len as usize]
}

/// A registration spec with the longest fields and a key that need not be a curve point.
fn spec<T: Config>(i: u32) -> DeviceSpec {
	let mut serial = longest(T::MaxSerialLength::get(), b's');
	let tail = i.to_le_bytes();
	let len = serial.len();
	let at = len.saturating_sub(tail.len());
	serial[at..].copy_from_slice(&tail[..len - at]);
	let mut key = [0u8; 32];
	key[..4].copy_from_slice(&i.to_le_bytes());
	DeviceSpec {
		model: longest(T::MaxModelLength::get(), b'm'),
		serial,
		key: DeviceKey::Ed25519(sp_core::ed25519::Public::from_raw(key)),
	}
}

/// Registers a device with a keystore sr25519 key; returns its code and key.
fn registered<T: Config>() -> (DeviceCode, sr25519::Public) {
	let (maker, id) = maker::<T>();
	let public = sp_io::crypto::sr25519_generate(BENCH_KEY, None);
	let spec = DeviceSpec { key: DeviceKey::Sr25519(public), ..spec::<T>(u32::MAX) };
	let code = DeviceCode::derive(id, &spec.model, &spec.serial, &spec.key);
	assert_ok!(Devices::<T>::register(RawOrigin::Signed(maker).into(), vec![spec]));
	(code, public)
}

fn sign(public: &sr25519::Public, message: &[u8]) -> DeviceSignature {
	DeviceSignature::Sr25519(
		sp_io::crypto::sr25519_sign(BENCH_KEY, public, message).expect("key is in the keystore"),
	)
}

/// Registers a device and lets `owner` claim it; returns its code and key.
fn claimed<T: Config>(owner: &T::AccountId) -> (DeviceCode, sr25519::Public) {
	let (code, public) = registered::<T>();
	let message = claim_payload(&Devices::<T>::genesis_hash(), &code, owner, 0);
	assert_ok!(Devices::<T>::claim(
		RawOrigin::Signed(owner.clone()).into(),
		code,
		sign(&public, &message)
	));
	(code, public)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// A batch of `n` devices with the longest model and serial.
	#[benchmark]
	fn register(n: Linear<1, { T::MaxBatch::get() }>) {
		let (maker, id) = maker::<T>();
		let devices: Vec<DeviceSpec> = (0..n).map(spec::<T>).collect();

		#[extrinsic_call]
		_(RawOrigin::Signed(maker), devices);

		assert_eq!(T::Manufacturers::registered(id), n);
	}

	#[benchmark]
	fn claim() {
		let owner: T::AccountId = whitelisted_caller();
		let (code, public) = registered::<T>();
		let message = claim_payload(&Devices::<T>::genesis_hash(), &code, &owner, 0);
		let proof = sign(&public, &message);

		#[extrinsic_call]
		_(RawOrigin::Signed(owner.clone()), code, proof);

		assert_eq!(DeviceInfoOf::<T>::get(code).and_then(|d| d.owner), Some(owner));
	}

	#[benchmark]
	fn transfer() {
		let owner: T::AccountId = whitelisted_caller();
		let (code, _) = claimed::<T>(&owner);
		let to: T::AccountId = account("to", 0, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), code, T::Lookup::unlookup(to.clone()));

		assert_eq!(DeviceInfoOf::<T>::get(code).and_then(|d| d.owner), Some(to));
	}

	/// By the owner: the dearest origin to resolve (governance and manufacturer are tried
	/// first).
	#[benchmark]
	fn suspend() {
		let owner: T::AccountId = whitelisted_caller();
		let (code, _) = claimed::<T>(&owner);

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), code, ChangeReason::Lost);

		assert!(matches!(
			DeviceInfoOf::<T>::get(code).map(|d| d.status),
			Some(DeviceStatus::Suspended { .. })
		));
	}

	#[benchmark]
	fn reinstate() {
		let owner: T::AccountId = whitelisted_caller();
		let (code, _) = claimed::<T>(&owner);
		assert_ok!(Devices::<T>::suspend(
			RawOrigin::Signed(owner.clone()).into(),
			code,
			ChangeReason::Lost
		));

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), code, ChangeReason::Resolved);

		assert_eq!(DeviceInfoOf::<T>::get(code).map(|d| d.status), Some(DeviceStatus::Active));
	}

	#[benchmark]
	fn decommission() {
		let owner: T::AccountId = whitelisted_caller();
		let (code, _) = claimed::<T>(&owner);

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), code, ChangeReason::EndOfLife);

		assert_eq!(
			DeviceInfoOf::<T>::get(code).map(|d| d.status),
			Some(DeviceStatus::Decommissioned)
		);
	}

	/// The longest version, checked against a full approved list.
	#[benchmark]
	fn report_firmware() {
		let caller: T::AccountId = whitelisted_caller();
		let (code, public) = registered::<T>();
		let (maker, _) = maker::<T>();
		let version = longest(T::MaxFirmwareLength::get(), b'v');
		let versions = (0..T::MaxApprovedFirmware::get())
			.map(|i| {
				let mut v = version.clone();
				v[0] = i as u8;
				v
			})
			.collect();
		assert_ok!(Devices::<T>::set_approved_firmware(
			RawOrigin::Signed(maker).into(),
			longest(T::MaxModelLength::get(), b'm'),
			versions
		));
		let message = firmware_payload(&Devices::<T>::genesis_hash(), &code, &version, 0);
		let proof = sign(&public, &message);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), code, version.clone(), proof);

		assert_eq!(
			DeviceInfoOf::<T>::get(code).and_then(|d| d.firmware).map(|f| f.to_vec()),
			Some(version)
		);
	}

	/// `n` versions of the longest length.
	#[benchmark]
	fn set_approved_firmware(n: Linear<0, { T::MaxApprovedFirmware::get() }>) {
		let (maker, id) = maker::<T>();
		let model = longest(T::MaxModelLength::get(), b'm');
		let versions = (0..n)
			.map(|i| {
				let mut v = longest(T::MaxFirmwareLength::get(), b'v');
				v[0] = i as u8;
				v
			})
			.collect();

		#[extrinsic_call]
		_(RawOrigin::Signed(maker), model.clone(), versions);

		let model: ModelOf<T> = model.try_into().expect("longest model fits");
		assert_eq!(ApprovedFirmwareOf::<T>::get(id, model).map(|l| l.len() as u32).unwrap_or(0), n);
	}

	impl_benchmark_test_suite!(Devices, crate::mock::build_ext(), crate::mock::Test);
}
