//! The pallet's logic, one concern per file; the calls in `lib.rs` only check origins.

mod bounty;
mod deadlines;
mod dispute;
mod invariants;
mod listing;
mod purchase;

#[cfg(test)]
pub(crate) use deadlines::QUEUE_PROBES;
