//! The pallet's logic, one concern per file.

mod agreement;
mod epochs;
#[cfg(any(feature = "try-runtime", feature = "std"))]
mod invariants;
mod offchain;

pub use offchain::{summary_key, LOG_TARGET, RESUBMIT_AFTER};
mod views;
