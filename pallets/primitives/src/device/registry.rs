//! The traits through which other pallets ask about manufacturers and devices.

#[cfg(feature = "runtime-benchmarks")]
use super::DeviceKey;
use super::{
	DeviceClass, DeviceCode, DeviceSignature, DeviceStatus, ManufacturerId, ManufacturerStatus,
};
use sp_runtime::{DispatchError, DispatchResult};

/// What the device pallet needs from the manufacturer registry.
pub trait ManufacturerRegistry<AccountId> {
	/// The manufacturer run by `who`, unless it is retired.
	fn manufacturer_of(who: &AccountId) -> Option<ManufacturerId>;
	/// The account that runs manufacturer `id`.
	fn account_of(id: ManufacturerId) -> Option<AccountId>;
	/// The manufacturer's standing; `None` if there is no such manufacturer.
	fn status(id: ManufacturerId) -> Option<ManufacturerStatus>;
	/// Counts `count` more devices against the manufacturer's quota. Fails, changing nothing,
	/// unless the manufacturer is approved and has `count` devices of quota left.
	fn use_quota(id: ManufacturerId, count: u32) -> DispatchResult;
	/// How many devices the manufacturer has registered, ever.
	fn registered(id: ManufacturerId) -> u32;

	/// Creates an approved manufacturer run by `who` with `quota`, for benchmarks of pallets
	/// that need one.
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_approved(who: &AccountId, quota: u32) -> ManufacturerId;

	/// Whether the manufacturer is approved (not pending, frozen or retired).
	fn is_approved(id: ManufacturerId) -> bool {
		Self::status(id) == Some(ManufacturerStatus::Approved)
	}
}

/// No manufacturers at all.
impl<AccountId> ManufacturerRegistry<AccountId> for () {
	fn manufacturer_of(_: &AccountId) -> Option<ManufacturerId> {
		None
	}
	fn account_of(_: ManufacturerId) -> Option<AccountId> {
		None
	}
	fn status(_: ManufacturerId) -> Option<ManufacturerStatus> {
		None
	}
	fn use_quota(_: ManufacturerId, _: u32) -> DispatchResult {
		Err(DispatchError::Other("no manufacturer registry"))
	}
	fn registered(_: ManufacturerId) -> u32 {
		0
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_approved(_: &AccountId, _: u32) -> ManufacturerId {
		0
	}
}

/// A manufacturer's stake for its devices.
#[derive(Clone, Copy, Default, Eq, PartialEq, Debug)]
pub struct Stake<Balance> {
	/// Its deposit, which governance can slash; zero for a retired or unknown manufacturer.
	pub deposit: Balance,
	/// The devices it has registered.
	pub devices: u32,
}

/// What a manufacturer has at stake for its devices: its deposit, which governance can slash.
pub trait ManufacturerStake<Balance> {
	/// Manufacturer `id`'s deposit and the devices it has registered.
	fn stake(id: ManufacturerId) -> Stake<Balance>;

	/// Gives manufacturer `id` a deposit of `deposit`, for benchmarks of pallets that read it.
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_set_deposit(id: ManufacturerId, deposit: Balance);
}

/// Nothing at stake.
impl<Balance: Default> ManufacturerStake<Balance> for () {
	fn stake(_: ManufacturerId) -> Stake<Balance> {
		Stake::default()
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_set_deposit(_: ManufacturerId, _: Balance) {}
}

/// What other pallets (data market, edge mining, contracts) ask about devices.
pub trait DeviceRegistry<AccountId> {
	/// The device's lifecycle status; `None` if no device has this code.
	fn status(code: &DeviceCode) -> Option<DeviceStatus>;
	/// The device's owner; `None` until it is claimed.
	fn owner(code: &DeviceCode) -> Option<AccountId>;
	/// The device's manufacturer.
	fn manufacturer(code: &DeviceCode) -> Option<ManufacturerId>;
	/// The device's own account (its "coin").
	fn device_account(code: &DeviceCode) -> Option<AccountId>;
	/// The device's manufacturer and model, which rewards are weighted by.
	fn class(code: &DeviceCode) -> Option<DeviceClass>;
	/// The code of the device whose account is `account`.
	fn code_of(account: &AccountId) -> Option<DeviceCode>;
	/// Whether the device may earn rewards and list data: it is active and its manufacturer
	/// is approved.
	fn is_active(code: &DeviceCode) -> bool;
	/// Whether `signature` is the device key's signature of `message`. Callers bind the
	/// message to their purpose, the genesis hash and a nonce of their own.
	fn verify_signature(code: &DeviceCode, message: &[u8], signature: &DeviceSignature) -> bool;

	/// Creates an active device with key `key`, owned by `owner`, of the approved benchmark
	/// manufacturer number `maker` (made on first use), for benchmarks of pallets that need
	/// devices of distinct manufacturers.
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_device_of_maker(owner: &AccountId, key: DeviceKey, maker: u32) -> DeviceCode;

	/// Creates an active device of an approved manufacturer with key `key`, owned by `owner`,
	/// for benchmarks of pallets that need one (and its signatures).
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_device_with_key(owner: &AccountId, key: DeviceKey) -> DeviceCode {
		Self::benchmark_device_of_maker(owner, key, 0)
	}

	/// Creates an active device of an approved manufacturer, owned by `owner`, for benchmarks
	/// of pallets that need one; `seed` makes it unique. Nobody knows its key's secret.
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_active_device(owner: &AccountId, seed: u32) -> DeviceCode {
		Self::benchmark_active_device_of_maker(owner, seed, 0)
	}

	/// As [`DeviceRegistry::benchmark_active_device`], of benchmark manufacturer number
	/// `maker` ([`DeviceRegistry::benchmark_device_of_maker`]).
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_active_device_of_maker(owner: &AccountId, seed: u32, maker: u32) -> DeviceCode {
		let mut raw = [0xbe; 32];
		raw[..4].copy_from_slice(&seed.to_le_bytes());
		if maker != 0 {
			raw[4..8].copy_from_slice(&maker.to_le_bytes());
		}
		let key = DeviceKey::Ed25519(sp_core::ed25519::Public::from_raw(raw));
		Self::benchmark_device_of_maker(owner, key, maker)
	}
}

/// No devices at all.
impl<AccountId> DeviceRegistry<AccountId> for () {
	fn status(_: &DeviceCode) -> Option<DeviceStatus> {
		None
	}
	fn owner(_: &DeviceCode) -> Option<AccountId> {
		None
	}
	fn manufacturer(_: &DeviceCode) -> Option<ManufacturerId> {
		None
	}
	fn device_account(_: &DeviceCode) -> Option<AccountId> {
		None
	}
	fn class(_: &DeviceCode) -> Option<DeviceClass> {
		None
	}
	fn code_of(_: &AccountId) -> Option<DeviceCode> {
		None
	}
	fn is_active(_: &DeviceCode) -> bool {
		false
	}
	fn verify_signature(_: &DeviceCode, _: &[u8], _: &DeviceSignature) -> bool {
		false
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_device_of_maker(_: &AccountId, _: DeviceKey, _: u32) -> DeviceCode {
		DeviceCode([0; 15])
	}
}
