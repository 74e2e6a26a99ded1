//! # `itc-env`: IoT Chain for ink! contracts
//!
//! Use [`ItcEnvironment`] as your contract's environment to call IoT Chain's chain
//! extension, which reads devices, manufacturers and data listings and checks device
//! signatures:
//!
//! ```ignore
//! #[ink::contract(env = itc_env::ItcEnvironment)]
//! mod my_contract {
//!     // ...
//!     let active = self.env().extension().device_active(code);
//! }
//! ```
//!
//! The types here encode exactly as the runtime's (`itc_primitives`), so the answers decode
//! unchanged. Function ids, inputs and weights: docs/CONTRACTS.md.

#![cfg_attr(not(feature = "std"), no_std, no_main)]

pub mod types;

#[cfg(feature = "std")]
pub mod testing;

pub use types::*;

use ink::{
	env::{chain_extension::FromStatusCode, DefaultEnvironment, Environment},
	primitives::AccountId,
};

/// IoT Chain's chain extension: every function is read-only.
#[ink::chain_extension(extension = 0)]
pub trait IotExtension {
	type ErrorCode = ExtensionError;

	/// The device's lifecycle status; `None` if no device has this code.
	#[ink(function = 1, handle_status = false)]
	fn device_status(code: DeviceCode) -> Option<DeviceStatus>;

	/// The device's owner; `None` until it is claimed (or if there is no such device).
	#[ink(function = 2, handle_status = false)]
	fn device_owner(code: DeviceCode) -> Option<AccountId>;

	/// The device's manufacturer; `None` if there is no such device.
	#[ink(function = 3, handle_status = false)]
	fn device_manufacturer(code: DeviceCode) -> Option<ManufacturerId>;

	/// Whether the device is active and its manufacturer approved: what the chain asks of a
	/// device before it earns or sells data.
	#[ink(function = 4, handle_status = false)]
	fn device_active(code: DeviceCode) -> bool;

	/// Whether governance approved the manufacturer (not pending, frozen or retired).
	#[ink(function = 5, handle_status = false)]
	fn manufacturer_active(id: ManufacturerId) -> bool;

	/// The public facts of a data-market listing; `None` if there is none.
	#[ink(function = 6, handle_status = false)]
	fn listing(id: ListingId) -> Option<ListingInfo>;

	/// Whether `signature` is the device key's signature of `contract_payload(genesis
	/// hash, code, this contract, message)`: the runtime adds the chain and the calling
	/// contract, so a signature is worth nothing elsewhere. Put a nonce of your own in
	/// `message` to make it single-use.
	///
	/// Fails with [`ExtensionError::MessageTooLong`] for a message over 1024 bytes.
	#[ink(function = 7)]
	fn verify_device_signature(
		code: DeviceCode,
		message: ink::prelude::vec::Vec<u8>,
		signature: DeviceSignature,
	) -> Result<bool, ExtensionError>;
}

/// What the chain extension's status code can say.
#[derive(Debug, Copy, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum ExtensionError {
	/// Status 1: the message to verify is longer than the runtime checks.
	MessageTooLong,
	/// Another status, or an answer that does not decode: this crate does not match the
	/// runtime.
	Unknown,
}

impl From<ink::scale::Error> for ExtensionError {
	fn from(_: ink::scale::Error) -> Self {
		Self::Unknown
	}
}

impl FromStatusCode for ExtensionError {
	fn from_status_code(status_code: u32) -> Result<(), Self> {
		match status_code {
			0 => Ok(()),
			1 => Err(Self::MessageTooLong),
			_ => Err(Self::Unknown),
		}
	}
}

/// The environment of IoT Chain: the default ink! types (which are the runtime's: 32-byte
/// accounts, `u128` balances, `u32` block numbers, millisecond `u64` timestamps) and
/// [`IotExtension`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(TypeInfo)]
pub enum ItcEnvironment {}

impl Environment for ItcEnvironment {
	const MAX_EVENT_TOPICS: usize = <DefaultEnvironment as Environment>::MAX_EVENT_TOPICS;

	type AccountId = <DefaultEnvironment as Environment>::AccountId;
	type Balance = <DefaultEnvironment as Environment>::Balance;
	type Hash = <DefaultEnvironment as Environment>::Hash;
	type Timestamp = <DefaultEnvironment as Environment>::Timestamp;
	type BlockNumber = <DefaultEnvironment as Environment>::BlockNumber;

	type ChainExtension = IotExtension;
}
