//! The pallet's logic, one file per concern.

mod genesis;
mod invariants;
mod schedule;
mod vest;
