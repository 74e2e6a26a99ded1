//! The runtime's types, as contracts see them. Each encodes (SCALE) exactly as its
//! counterpart in `itc_primitives`.

use ink::primitives::AccountId;

/// A balance in plancks (10^-12 ITC).
pub type Balance = u128;
/// A block number.
pub type BlockNumber = u32;
/// A manufacturer's id.
pub type ManufacturerId = u32;
/// A data-market listing's id.
pub type ListingId = u32;

/// A device's code: "one device, one code". 15 bytes; its human form is 24 base-32
/// symbols (docs/DEVICES.md).
#[derive(Debug, Copy, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct DeviceCode(pub [u8; 15]);

/// Who changed a device.
#[derive(Debug, Copy, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum Role {
	/// The device's owner.
	Owner,
	/// The device's manufacturer.
	Manufacturer,
	/// Governance.
	Governance,
}

/// Where a device is in its lifecycle.
#[derive(Debug, Copy, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
// The derives cast variant indices to `u8`, which cargo-contract's clippy run denies.
#[allow(clippy::cast_possible_truncation)]
pub enum DeviceStatus {
	/// Registered by its manufacturer; nobody owns it yet.
	Registered,
	/// Claimed by an owner.
	Active,
	/// Suspended by the given role.
	Suspended {
		/// Who suspended it.
		by: Role,
	},
	/// Out of service for good.
	Decommissioned,
}

/// A signature by a device key.
#[derive(Debug, Copy, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
// The derives cast variant indices to `u8`, which cargo-contract's clippy run denies.
#[allow(clippy::cast_possible_truncation)]
pub enum DeviceSignature {
	/// An ed25519 signature.
	Ed25519([u8; 64]),
	/// An sr25519 signature.
	Sr25519([u8; 64]),
}

/// The public facts of a data listing.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct ListingInfo {
	/// The device owner who listed it.
	pub seller: AccountId,
	/// The device whose data it is.
	pub device: DeviceCode,
	/// What one purchase costs.
	pub price: Balance,
	/// The last block in which it can be bought.
	pub expires_at: BlockNumber,
	/// The most purchases it accepts.
	pub max_sales: u32,
	/// Purchases made so far.
	pub sold: u32,
	/// Whether it can be bought now.
	pub open: bool,
}
