//! The pallet's behaviour, one concern per module.

mod authoring;
mod class;
#[cfg(any(feature = "try-runtime", test))]
mod invariants;
mod payout;
mod pool;
mod report;
