//! Unit tests: one success test per call and one test per error it can return, by concern;
//! every test ends with the pallet's invariants checked (`mock::new_test_ext`).

mod authoring;
mod class;
mod genesis;
mod migration;
mod payout;
mod report;
mod views;
