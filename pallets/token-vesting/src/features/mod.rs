//! The pallet's logic, one file per concern.

mod genesis;
#[cfg(any(feature = "try-runtime", feature = "std", test))]
mod invariants;
mod schedule;
mod vest;
