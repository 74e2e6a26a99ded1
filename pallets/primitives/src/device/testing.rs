//! A [`DeviceRegistry`] test double for the mocks of pallets that use devices.
//!
//! Tests add devices with [`MockDevices::add`] and change them with the setters; state is
//! per thread, so parallel tests do not see each other's devices. Accounts are stored
//! SCALE-encoded, so any `AccountId` type works.

use super::{DeviceCode, DeviceKey, DeviceRegistry, DeviceSignature, DeviceStatus, ManufacturerId};
use codec::{Decode, Encode};
use std::{cell::RefCell, collections::BTreeMap};

#[derive(Clone)]
struct MockDevice {
	key: DeviceKey,
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
		let code = DeviceCode::derive(manufacturer, b"mock", &account.encode(), &key);
		let device = MockDevice {
			key,
			account: account.encode(),
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
}
