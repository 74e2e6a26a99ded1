//! Types of the device pallet.

use crate::Config;
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound};
use frame_system::pallet_prelude::BlockNumberFor;
use itc_primitives::device::{
	ChangeReason, DeviceCode, DeviceKey, DeviceStatus, ManufacturerId, Role,
};
use scale_info::TypeInfo;

/// A device model name, as stored.
pub type ModelOf<T> = BoundedVec<u8, <T as Config>::MaxModelLength>;
/// A device serial number, as stored.
pub type SerialOf<T> = BoundedVec<u8, <T as Config>::MaxSerialLength>;
/// A firmware version string, as stored.
pub type FirmwareOf<T> = BoundedVec<u8, <T as Config>::MaxFirmwareLength>;
/// The approved firmware versions of one model.
pub type FirmwareListOf<T> = BoundedVec<FirmwareOf<T>, <T as Config>::MaxApprovedFirmware>;

/// One device in a registration call. Lengths are checked by the call, so that a too-long
/// field gets a clear error instead of an undecodable transaction.
#[derive(Clone, Eq, PartialEq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
pub struct DeviceSpec {
	/// Model name, at most `MaxModelLength` bytes, not empty.
	pub model: Vec<u8>,
	/// Serial number, at most `MaxSerialLength` bytes, not empty.
	pub serial: Vec<u8>,
	/// The public key the device holds.
	pub key: DeviceKey,
}

/// Who changed a device, when and why.
#[derive(
	Clone, Eq, PartialEq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Change<AccountId, BlockNumber> {
	/// The role that made the change.
	pub by: Role,
	/// The account behind the role; `None` for governance.
	pub who: Option<AccountId>,
	/// Why.
	pub reason: ChangeReason,
	/// The block of the change.
	pub at: BlockNumber,
}

/// A [`Change`] of this runtime.
pub type ChangeOf<T> = Change<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;

/// A device, as stored.
///
/// The device's account is not stored: it is the key's 32 bytes ([`DeviceInfo::account`]).
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct DeviceInfo<T: Config> {
	/// The manufacturer that registered it.
	pub manufacturer: ManufacturerId,
	/// Model name.
	pub model: ModelOf<T>,
	/// Serial number.
	pub serial: SerialOf<T>,
	/// The device's public key; its 32 bytes are also the device's own account ("coin").
	pub key: DeviceKey,
	/// The owner; `None` until claimed.
	pub owner: Option<T::AccountId>,
	/// Lifecycle status.
	pub status: DeviceStatus,
	/// The firmware version the device last reported.
	pub firmware: Option<FirmwareOf<T>>,
	/// The nonce the next device-signed proof must carry.
	pub nonce: u32,
	/// The block of registration.
	pub registered_at: BlockNumberFor<T>,
	/// The last lifecycle change: who, why and when.
	pub last_change: ChangeOf<T>,
}

impl<T: Config> DeviceInfo<T> {
	/// The device's own account ("coin"): its key's 32 bytes.
	pub fn account(&self) -> T::AccountId {
		self.key.account().into()
	}
}

/// A device as the runtime API returns it: the stored record and what follows from it.
#[derive(Encode, Decode, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound)]
#[scale_info(skip_type_params(T))]
pub struct DeviceView<T: Config> {
	/// The device code.
	pub code: DeviceCode,
	/// Its printable form, `ITC-XXXXX-XXXXX-XXXXX-XXXXX-XXXXC`.
	pub human_code: Vec<u8>,
	/// The device's own account ("coin"), derived from its key.
	pub account: T::AccountId,
	/// Whether it earns rewards and may list data now (active, and its manufacturer approved).
	pub earning: bool,
	/// Whether its reported firmware is on its manufacturer's approved list for its model.
	pub firmware_approved: bool,
	/// The stored record.
	pub info: DeviceInfo<T>,
}

/// What a device key must sign now, as the runtime API returns it.
#[derive(Clone, Eq, PartialEq, Encode, Decode, TypeInfo, Debug)]
pub struct MessageToSign {
	/// The exact bytes to sign.
	pub message: Vec<u8>,
	/// The device nonce inside them; the next accepted proof uses it up.
	pub nonce: u32,
}
