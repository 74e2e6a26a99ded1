//! Unit tests: one success test per call and one test per error it can return, by concern;
//! every test ends with the pallet's invariants checked (`mock::new_test_ext`).

mod bounty;
mod deadlines;
mod dispute;
mod evidence;
mod listing;
mod pot;
mod purchase;
mod random;
mod views;
