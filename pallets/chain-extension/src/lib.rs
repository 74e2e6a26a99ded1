//! # IoT Chain's chain extension
//!
//! What an ink! contract on IoT Chain can ask the runtime that a contract on a generic
//! chain cannot: the state of devices, manufacturers and data listings, and whether a
//! device's key signed a message. Every function is read-only.
//!
//! ## Functions
//!
//! Extension id `0` (chain-specific). A contract calls function `f` with the SCALE encoding
//! of its arguments as input (several arguments are encoded as a tuple, i.e. one after the
//! other); the answer is the SCALE encoding of the result, and the status code is `0`
//! unless said otherwise.
//!
//! | id | function | input | output |
//! |---:|----------|-------|--------|
//! | 1 | `device_status` | `DeviceCode` (15 bytes) | `Option<DeviceStatus>` |
//! | 2 | `device_owner` | `DeviceCode` | `Option<AccountId>` |
//! | 3 | `device_manufacturer` | `DeviceCode` | `Option<ManufacturerId>` (`u32`) |
//! | 4 | `device_active` | `DeviceCode` | `bool`: active and its manufacturer approved |
//! | 5 | `manufacturer_active` | `ManufacturerId` | `bool`: approved by governance |
//! | 6 | `listing` | `ListingId` (`u32`) | `Option<ListingInfo>` |
//! | 7 | `verify_device_signature` | `(DeviceCode, Vec<u8>, DeviceSignature)` | `bool` |
//!
//! Function 7 answers status `1` ([`STATUS_MESSAGE_TOO_LONG`]) with no output when the
//! message is longer than [`Config::MaxMessageLen`]. Callers bind the message to their
//! purpose and add their own replay protection (a nonce the contract keeps), as the device
//! pallet does for its proofs.
//!
//! ## Errors
//!
//! An unknown extension or function id, an input that does not decode to exactly the
//! function's arguments, or an input longer than the function can take ends the contract
//! call with a `DispatchError::Other` naming the problem (nothing is changed: the call
//! reverts). These only happen to contracts that do not use the `itc-env` crate.
//!
//! ## Weight
//!
//! Each function charges its benchmarked weight ([`weights`], measured by this crate's
//! frame-benchmarking benchmarks in the runtime) before it reads anything; function 7
//! charges for the input's length. pallet-contracts adds its own cost of the host call and
//! of copying the output.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

mod extension;
mod query;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use extension::{Extension, EXTENSION_ID, STATUS_MESSAGE_TOO_LONG};
pub use query::{Function, InputError, Query};
pub use weights::WeightInfo;

use core::marker::PhantomData;
use frame_support::traits::Get;
use frame_system::pallet_prelude::BlockNumberFor;
use itc_primitives::{
	device::{DeviceRegistry, ManufacturerRegistry},
	market::DataListings,
};

/// Where the extension reads from, and its limits.
pub trait Config: frame_system::Config {
	/// The device registry.
	type Devices: DeviceRegistry<Self::AccountId>;
	/// The manufacturer registry.
	type Manufacturers: ManufacturerRegistry<Self::AccountId>;
	/// The balance type listings are priced in.
	type Balance: codec::Encode;
	/// The data market's listings.
	type Listings: DataListings<Self::AccountId, Self::Balance, BlockNumberFor<Self>>;
	/// The longest message `verify_device_signature` checks.
	type MaxMessageLen: Get<u32>;
	/// Weights of the functions, from this crate's benchmarks.
	type WeightInfo: WeightInfo;
}

/// The extension's queries, for the benchmarks (the crate has no storage and no calls).
pub struct Pallet<T>(PhantomData<T>);
