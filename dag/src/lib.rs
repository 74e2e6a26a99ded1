//! # IoT Chain DAG core
//!
//! The part of the node's DAG micro-transaction service that needs no networking and no
//! runtime: what a DAG transaction is ([`tx`]), its proof of work ([`pow`]), the checks a
//! transaction passes on its own ([`verify`], with batch signature verification), and the
//! graph that orders them ([`graph`]: parents, orphans, sequence numbers and conflicts,
//! micro-balances, cumulative weight, confirmation and tips), and its database ([`store`]).
//!
//! Byte layouts are specified in the modules and in `docs/DAG.md`; firmware authors port
//! [`tx::DagTx::sign`] and [`pow::solve`].

pub mod batch;
pub mod graph;
pub mod pow;
pub mod store;
pub mod tx;
pub mod verify;
pub mod wire;

pub use ed25519_zebra;
pub use graph::{ChainView, Dag, DagConfig, Missing, Status};
/// The anchor types shared with the runtime (effects, summaries, proofs).
pub use itc_primitives::anchor;
pub use tx::{DagTx, Essence, Payload, TxId};
