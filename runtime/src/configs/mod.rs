//! Configuration of each pallet of the runtime, one file per pallet.

mod aura;
mod balances;
mod chain_clock;
mod contracts;
mod dag_accounts;
mod dag_anchor;
mod data_market;
mod devices;
mod edge_mining;
mod grandpa;
mod manufacturers;
mod multisig;
mod sudo;
mod system;
mod timestamp;
mod token_vesting;
mod transaction_payment;
mod utility;

pub use balances::{ExistentialDeposit, ToCommunityFund, ToNodeIncentives};
pub use system::{RuntimeBlockLength, RuntimeBlockWeights};
