//! One test per call's success and per error it returns, the hooks' behaviour, the
//! off-chain worker and the proofs; every test ends with `try_state`.

mod epochs;
mod offchain;
mod propose;
mod views;
