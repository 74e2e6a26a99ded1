//! # IoT Chain primitives
//!
//! Types shared by the runtime, the node and the pallets, the ITC token constants, and the
//! small traits through which pallets talk to each other (so that no pallet depends on another
//! pallet's `Config`).

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod anchor;
pub mod device;
pub mod emission;
pub mod market;
pub mod mining;
pub mod time;
pub mod token;

pub use time::WallClock;

use sp_runtime::{
	traits::{IdentifyAccount, Verify},
	MultiSignature,
};

/// Block number: a `u32` lasts 400 years at one block every 3 s.
pub type BlockNumber = u32;
/// Signature of a transaction: sr25519, ed25519 or ECDSA.
pub type Signature = MultiSignature;
/// Account identifier: the 32-byte public key (or its hash, for ECDSA) behind a [`Signature`].
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
/// Balance of an account, in plancks (10^-12 ITC).
pub type Balance = u128;
/// Transaction index (nonce) of an account.
pub type Nonce = u32;
/// Unix time in milliseconds.
pub type Moment = u64;
