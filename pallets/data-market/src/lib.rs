//! # Data-market pallet (work in progress on branch `wip/data-market`)
//!
//! So far only the key-delivery cryptography the runtime needs to judge disputes.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod crypto;
