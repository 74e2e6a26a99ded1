//! The pallet's logic, one file per concern.

mod genesis;
#[cfg(any(feature = "try-runtime", test))]
mod invariants;
mod schedule;
mod vest;
