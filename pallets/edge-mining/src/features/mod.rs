//! The pallet's behaviour, one concern per module.

mod authoring;
mod class;
#[cfg(any(feature = "try-runtime", feature = "std"))]
mod invariants;
mod payout;
mod pool;
mod report;
