//! The pallet's logic, one concern per file; the calls in `lib.rs` only check origins.

mod bounty;
mod deadlines;
mod dispute;
mod invariants;
mod listing;
mod pot;
mod purchase;

#[cfg(any(test, feature = "runtime-benchmarks"))]
pub(crate) use deadlines::QUEUE_PROBES;
