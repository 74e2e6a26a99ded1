//! The functions, their inputs, their weights and their answers, independent of
//! pallet-contracts (which only moves bytes in and out of the contract's memory).

use crate::{Config, WeightInfo};
use alloc::vec::Vec;
use codec::{Compact, Decode, Encode, MaxEncodedLen};
use frame_support::weights::Weight;
use frame_system::pallet_prelude::BlockNumberFor;
use itc_primitives::{
	device::{
		contract_payload, DeviceCode, DeviceRegistry, DeviceSignature, ManufacturerId,
		ManufacturerRegistry,
	},
	market::{DataListings, ListingId},
};
use sp_runtime::traits::Zero;

/// A function of the extension, by its id.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum Function {
	/// 1: `Option<DeviceStatus>` of a device code.
	DeviceStatus,
	/// 2: `Option<AccountId>` owning a device.
	DeviceOwner,
	/// 3: `Option<ManufacturerId>` that made a device.
	DeviceManufacturer,
	/// 4: whether a device is active and its manufacturer approved.
	DeviceActive,
	/// 5: whether a manufacturer is approved.
	ManufacturerActive,
	/// 6: `Option<ListingInfo>` of a listing id.
	Listing,
	/// 7: whether a device's key signed a message for this chain and the calling contract
	/// ([`contract_payload`]).
	VerifyDeviceSignature,
}

impl Function {
	/// The function with id `id`, if there is one.
	pub fn from_id(id: u16) -> Option<Self> {
		Some(match id {
			1 => Self::DeviceStatus,
			2 => Self::DeviceOwner,
			3 => Self::DeviceManufacturer,
			4 => Self::DeviceActive,
			5 => Self::ManufacturerActive,
			6 => Self::Listing,
			7 => Self::VerifyDeviceSignature,
			_ => return None,
		})
	}

	/// The longest input the function takes, with messages up to `max_message` bytes.
	pub fn max_input_len(self, max_message: u32) -> u32 {
		let len = match self {
			Self::DeviceStatus
			| Self::DeviceOwner
			| Self::DeviceManufacturer
			| Self::DeviceActive => DeviceCode::max_encoded_len(),
			Self::ManufacturerActive => ManufacturerId::max_encoded_len(),
			Self::Listing => ListingId::max_encoded_len(),
			Self::VerifyDeviceSignature => {
				DeviceCode::max_encoded_len()
					+ Compact::<u32>::max_encoded_len()
					+ max_message as usize
					+ DeviceSignature::max_encoded_len()
			},
		};
		len as u32
	}

	/// The weight to charge before reading an input of `input_len` bytes (at most
	/// [`Function::max_input_len`]).
	pub fn weight<W: WeightInfo>(self, input_len: u32) -> Weight {
		match self {
			Self::DeviceStatus => W::device_status(),
			Self::DeviceOwner => W::device_owner(),
			Self::DeviceManufacturer => W::device_manufacturer(),
			Self::DeviceActive => W::device_active(),
			Self::ManufacturerActive => W::manufacturer_active(),
			Self::Listing => W::listing(),
			// The message is the input less the code, the length prefix and the signature:
			// charging for the whole input covers it.
			Self::VerifyDeviceSignature => W::verify_device_signature(input_len),
		}
	}
}

/// Why an input was refused.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum InputError {
	/// The bytes are not the function's arguments (or more than them).
	Malformed,
	/// The message to verify is longer than [`Config::MaxMessageLen`].
	MessageTooLong,
}

/// A decoded call of one function.
#[derive(Clone, Debug, Eq, PartialEq)]
pub enum Query {
	/// See [`Function::DeviceStatus`].
	DeviceStatus(DeviceCode),
	/// See [`Function::DeviceOwner`].
	DeviceOwner(DeviceCode),
	/// See [`Function::DeviceManufacturer`].
	DeviceManufacturer(DeviceCode),
	/// See [`Function::DeviceActive`].
	DeviceActive(DeviceCode),
	/// See [`Function::ManufacturerActive`].
	ManufacturerActive(ManufacturerId),
	/// See [`Function::Listing`].
	Listing(ListingId),
	/// See [`Function::VerifyDeviceSignature`].
	VerifyDeviceSignature {
		/// The device whose key should have signed.
		code: DeviceCode,
		/// What it should have signed.
		message: Vec<u8>,
		/// The signature.
		signature: DeviceSignature,
	},
}

/// Decodes all of `input` as a `V`, or fails.
fn exactly<V: Decode>(mut input: &[u8]) -> Result<V, InputError> {
	let value = V::decode(&mut input).map_err(|_| InputError::Malformed)?;
	if input.is_empty() {
		Ok(value)
	} else {
		Err(InputError::Malformed)
	}
}

impl Query {
	/// Decodes `function`'s input, refusing messages longer than `max_message` bytes.
	pub fn decode(function: Function, input: &[u8], max_message: u32) -> Result<Self, InputError> {
		Ok(match function {
			Function::DeviceStatus => Self::DeviceStatus(exactly(input)?),
			Function::DeviceOwner => Self::DeviceOwner(exactly(input)?),
			Function::DeviceManufacturer => Self::DeviceManufacturer(exactly(input)?),
			Function::DeviceActive => Self::DeviceActive(exactly(input)?),
			Function::ManufacturerActive => Self::ManufacturerActive(exactly(input)?),
			Function::Listing => Self::Listing(exactly(input)?),
			Function::VerifyDeviceSignature => {
				let (code, message, signature): (DeviceCode, Vec<u8>, DeviceSignature) =
					exactly(input)?;
				if message.len() > max_message as usize {
					return Err(InputError::MessageTooLong);
				}
				Self::VerifyDeviceSignature { code, message, signature }
			},
		})
	}

	/// The SCALE-encoded answer, read from `T`'s registries, to a query by contract
	/// `contract`.
	pub fn answer<T: Config>(&self, contract: &T::AccountId) -> Vec<u8> {
		match self {
			Self::DeviceStatus(code) => T::Devices::status(code).encode(),
			Self::DeviceOwner(code) => T::Devices::owner(code).encode(),
			Self::DeviceManufacturer(code) => T::Devices::manufacturer(code).encode(),
			Self::DeviceActive(code) => T::Devices::is_active(code).encode(),
			Self::ManufacturerActive(id) => T::Manufacturers::is_approved(*id).encode(),
			Self::Listing(id) => T::Listings::listing(*id).encode(),
			Self::VerifyDeviceSignature { code, message, signature } => {
				let genesis = frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero());
				let payload = contract_payload(&genesis, code, contract, message);
				T::Devices::verify_signature(code, &payload, signature).encode()
			},
		}
	}
}
