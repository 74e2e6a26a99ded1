//! Device identity: "one device, one coin, one code".
//!
//! - *device*: a key pair held by the device ([`DeviceKey`], ed25519 or sr25519);
//! - *coin*: the device's own account, the 32 bytes of its public key (exactly the account
//!   that a `MultiSigner` of the same key maps to, so the device can sign its own transactions);
//! - *code*: a [`DeviceCode`] derived from manufacturer, model, serial and key, with a printable
//!   [human form](DeviceCode::to_human).
//!
//! The byte layouts a firmware author needs (code derivation, claim and firmware-report
//! payloads) are documented here and in `docs/DEVICES.md`.

mod code;
mod payload;
mod registry;
#[cfg(feature = "std")]
pub mod testing;

pub use code::{DeviceCode, HUMAN_CODE_LEN};
pub use payload::{
	claim_payload, contract_payload, firmware_payload, CLAIM_CONTEXT, CONTRACT_CONTEXT,
	FIRMWARE_CONTEXT,
};
pub use registry::{DeviceRegistry, ManufacturerRegistry, ManufacturerStake, Stake};

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_core::{ed25519, sr25519};
use sp_runtime::{traits::Verify, AccountId32};

/// Identifier of a manufacturer, assigned in order of application.
pub type ManufacturerId = u32;

/// Where a manufacturer stands with governance.
#[derive(
	Copy,
	Clone,
	Eq,
	PartialEq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum ManufacturerStatus {
	/// Applied; waiting for governance. Cannot register devices.
	Pending,
	/// Approved by governance: registers devices up to its quota; its devices earn and list.
	Approved,
	/// Frozen by governance: registers nothing; its devices earn nothing and list nothing.
	Frozen,
	/// Retired by governance (or withdrawn while pending). Final; the deposit was returned.
	Retired,
}

/// Who made a change to a device. Ordered by authority: a suspension can only be lifted by
/// the role that imposed it or a higher one.
#[derive(
	Copy,
	Clone,
	Eq,
	PartialEq,
	Ord,
	PartialOrd,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum Role {
	/// The account that claimed (or was transferred) the device.
	Owner,
	/// The account of the device's manufacturer.
	Manufacturer,
	/// The governance origin (sudo, council).
	Governance,
}

/// Where a device is in its lifecycle.
#[derive(
	Copy,
	Clone,
	Eq,
	PartialEq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum DeviceStatus {
	/// Registered by its manufacturer; nobody owns it yet.
	Registered,
	/// Claimed by an owner; earns rewards and lists data (if its manufacturer is approved).
	Active,
	/// Suspended by the given role; only that role or a higher one can reinstate it.
	Suspended {
		/// Who suspended it.
		by: Role,
	},
	/// Taken out of service for good. Its code and key are never used again.
	Decommissioned,
}

/// Why a device's state changed. Recorded with every change and emitted in its event.
#[derive(
	Copy,
	Clone,
	Eq,
	PartialEq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum ChangeReason {
	/// No reason given.
	Unspecified,
	/// First registration by the manufacturer.
	Manufactured,
	/// Claimed by its owner with a device-signed proof.
	Claimed,
	/// Ownership handed over.
	Transferred,
	/// Under maintenance or repair.
	Maintenance,
	/// Lost.
	Lost,
	/// Stolen.
	Stolen,
	/// Not working correctly (bad readings, hardware fault).
	Malfunction,
	/// The device key may be known to someone else.
	KeyCompromised,
	/// Recalled by its manufacturer.
	Recall,
	/// Found gaming rewards or selling bad data.
	Fraud,
	/// End of life.
	EndOfLife,
	/// Back in service after a suspension.
	Resolved,
	/// A code the parties agreed on off chain.
	Other(u16),
}

/// What governance weights rewards by: a device's manufacturer and model.
///
/// The model is kept as `BLAKE2b-256(model name)`, so every class key has the same size.
#[derive(
	Copy,
	Clone,
	Eq,
	PartialEq,
	Ord,
	PartialOrd,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct DeviceClass {
	/// The manufacturer.
	pub manufacturer: ManufacturerId,
	/// `BLAKE2b-256` of the model name.
	pub model_hash: [u8; 32],
}

impl DeviceClass {
	/// The class of `manufacturer`'s devices of model `model`.
	pub fn new(manufacturer: ManufacturerId, model: &[u8]) -> Self {
		Self { manufacturer, model_hash: sp_io::hashing::blake2_256(model) }
	}
}

/// A device's public key. ed25519 is what device secure elements and MCUs hold; sr25519 is
/// accepted too.
#[derive(
	Copy,
	Clone,
	Eq,
	PartialEq,
	Ord,
	PartialOrd,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum DeviceKey {
	/// An ed25519 public key.
	Ed25519(ed25519::Public),
	/// An sr25519 public key.
	Sr25519(sr25519::Public),
}

/// A signature made by a device key.
#[derive(
	Clone, Eq, PartialEq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub enum DeviceSignature {
	/// An ed25519 signature.
	Ed25519(ed25519::Signature),
	/// An sr25519 signature.
	Sr25519(sr25519::Signature),
}

impl DeviceKey {
	/// The device's account ("coin"): the public key's 32 bytes, as for a `MultiSigner`.
	pub fn account(&self) -> AccountId32 {
		match self {
			DeviceKey::Ed25519(public) => AccountId32::new(public.0),
			DeviceKey::Sr25519(public) => AccountId32::new(public.0),
		}
	}

	/// Whether `signature` is this key's signature of `message`. A signature of the other
	/// scheme never verifies.
	pub fn verify(&self, message: &[u8], signature: &DeviceSignature) -> bool {
		match (self, signature) {
			(DeviceKey::Ed25519(public), DeviceSignature::Ed25519(sig)) => {
				sig.verify(message, public)
			},
			(DeviceKey::Sr25519(public), DeviceSignature::Sr25519(sig)) => {
				sig.verify(message, public)
			},
			_ => false,
		}
	}
}
