//! A [`DeviceRegistry`] test double for the mocks of pallets that use devices.
//!
//! Tests add devices with [`MockDevices::add`] and change them with the setters; state is
//! per thread, so parallel tests do not see each other's devices. Accounts are stored
//! SCALE-encoded, so any `AccountId` type works.

use super::{
	DeviceClass, DeviceCode, DeviceKey, DeviceRegistry, DeviceSignature, DeviceStatus,
	ManufacturerId,
};
use codec::{Decode, Encode};
use std::{cell::RefCell, collections::BTreeMap};

#[derive(Clone)]
struct MockDevice {
	key: DeviceKey,
	model: Vec<u8>,
	account: Vec<u8>,
	owner: Option<Vec<u8>>,
	manufacturer: ManufacturerId,
	status: DeviceStatus,
	manufacturer_approved: bool,
}

thread_local! {
	static DEVICES: RefCell<BTreeMap<DeviceCode, MockDevice>> = const { RefCell::new(BTreeMap::new()) };
}

/// The test double. See the module docs.
pub struct MockDevices;

impl MockDevices {
	/// Adds an active device of an approved manufacturer, owned by `owner`, whose account is
	/// `account` and whose key is `key`. Returns its code.
	pub fn add<AccountId: Encode>(
		key: DeviceKey,
		account: &AccountId,
		owner: &AccountId,
		manufacturer: ManufacturerId,
	) -> DeviceCode {
		Self::add_model(key, account, owner, manufacturer, b"mock")
	}

	/// As [`MockDevices::add`], for a device of model `model`.
	pub fn add_model<AccountId: Encode>(
		key: DeviceKey,
		account: &AccountId,
		owner: &AccountId,
		manufacturer: ManufacturerId,
		model: &[u8],
	) -> DeviceCode {
		Self::insert(
			DeviceCode::derive(manufacturer, model, &account.encode(), &key),
			key,
			model,
			account.encode(),
			owner,
			manufacturer,
		)
	}

	/// Stores an active device of an approved manufacturer under `code`.
	fn insert<AccountId: Encode>(
		code: DeviceCode,
		key: DeviceKey,
		model: &[u8],
		account: Vec<u8>,
		owner: &AccountId,
		manufacturer: ManufacturerId,
	) -> DeviceCode {
		let device = MockDevice {
			key,
			model: model.to_vec(),
			account,
			owner: Some(owner.encode()),
			manufacturer,
			status: DeviceStatus::Active,
			manufacturer_approved: true,
		};
		DEVICES.with(|d| d.borrow_mut().insert(code, device));
		code
	}

	/// Sets a device's status.
	pub fn set_status(code: &DeviceCode, status: DeviceStatus) {
		Self::update(code, |d| d.status = status);
	}

	/// Sets a device's owner.
	pub fn set_owner<AccountId: Encode>(code: &DeviceCode, owner: &AccountId) {
		Self::update(code, |d| d.owner = Some(owner.encode()));
	}

	/// Approves or freezes every device of `manufacturer`'s maker.
	pub fn set_manufacturer_approved(manufacturer: ManufacturerId, approved: bool) {
		DEVICES.with(|d| {
			for device in d.borrow_mut().values_mut().filter(|d| d.manufacturer == manufacturer) {
				device.manufacturer_approved = approved;
			}
		});
	}

	/// Forgets every device.
	pub fn clear() {
		DEVICES.with(|d| d.borrow_mut().clear());
	}

	fn update(code: &DeviceCode, f: impl FnOnce(&mut MockDevice)) {
		DEVICES.with(|d| f(d.borrow_mut().get_mut(code).expect("the test added this device")));
	}

	fn get(code: &DeviceCode) -> Option<MockDevice> {
		DEVICES.with(|d| d.borrow().get(code).cloned())
	}
}

impl<AccountId: Encode + Decode> DeviceRegistry<AccountId> for MockDevices {
	fn status(code: &DeviceCode) -> Option<DeviceStatus> {
		Self::get(code).map(|d| d.status)
	}
	fn owner(code: &DeviceCode) -> Option<AccountId> {
		Self::get(code)?.owner.and_then(|o| AccountId::decode(&mut &o[..]).ok())
	}
	fn manufacturer(code: &DeviceCode) -> Option<ManufacturerId> {
		Self::get(code).map(|d| d.manufacturer)
	}
	fn device_account(code: &DeviceCode) -> Option<AccountId> {
		Self::get(code).and_then(|d| AccountId::decode(&mut &d.account[..]).ok())
	}
	fn class(code: &DeviceCode) -> Option<DeviceClass> {
		Self::get(code).map(|d| DeviceClass::new(d.manufacturer, &d.model))
	}
	fn code_of(account: &AccountId) -> Option<DeviceCode> {
		let account = account.encode();
		DEVICES.with(|d| d.borrow().iter().find(|(_, d)| d.account == account).map(|(c, _)| *c))
	}
	fn is_active(code: &DeviceCode) -> bool {
		Self::get(code).is_some_and(|d| d.status == DeviceStatus::Active && d.manufacturer_approved)
	}
	fn verify_signature(code: &DeviceCode, message: &[u8], signature: &DeviceSignature) -> bool {
		Self::get(code).is_some_and(|d| d.key.verify(message, signature))
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_device_of_maker(owner: &AccountId, key: DeviceKey, maker: u32) -> DeviceCode {
		let code = DeviceCode::derive(maker, b"bench", &key.encode(), &key);
		// The key's 32 bytes, as this runtime's `AccountId` (a `u64` takes the first 8), so
		// that `device_account` and `code_of` agree.
		let account = AccountId::decode(&mut &key.account().encode()[..])
			.expect("32 bytes decode as any test AccountId");
		Self::insert(code, key, b"bench", account.encode(), owner, maker)
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use sp_core::{ed25519, Pair};

	#[test]
	fn mock_devices_answer_like_a_registry() {
		let pair = ed25519::Pair::from_seed(&[1; 32]);
		let key = DeviceKey::Ed25519(pair.public());
		let code = MockDevices::add(key, &10u64, &20u64, 7);
		type Registry = MockDevices;
		assert_eq!(<Registry as DeviceRegistry<u64>>::owner(&code), Some(20));
		assert_eq!(<Registry as DeviceRegistry<u64>>::device_account(&code), Some(10));
		assert_eq!(<Registry as DeviceRegistry<u64>>::code_of(&10), Some(code));
		assert_eq!(<Registry as DeviceRegistry<u64>>::manufacturer(&code), Some(7));
		assert_eq!(
			<Registry as DeviceRegistry<u64>>::class(&code),
			Some(DeviceClass::new(7, b"mock"))
		);
		assert!(<Registry as DeviceRegistry<u64>>::is_active(&code));
		let signature = DeviceSignature::Ed25519(pair.sign(b"m"));
		assert!(<Registry as DeviceRegistry<u64>>::verify_signature(&code, b"m", &signature));
		assert!(!<Registry as DeviceRegistry<u64>>::verify_signature(&code, b"n", &signature));

		MockDevices::set_manufacturer_approved(7, false);
		assert!(!<Registry as DeviceRegistry<u64>>::is_active(&code));
		MockDevices::set_manufacturer_approved(7, true);
		MockDevices::set_status(&code, DeviceStatus::Suspended { by: crate::device::Role::Owner });
		assert!(!<Registry as DeviceRegistry<u64>>::is_active(&code));
		MockDevices::set_owner(&code, &30u64);
		assert_eq!(<Registry as DeviceRegistry<u64>>::owner(&code), Some(30));
		MockDevices::clear();
		assert_eq!(<Registry as DeviceRegistry<u64>>::status(&code), None);
	}
}
