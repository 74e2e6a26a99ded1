//! The DAG micro-transaction service of the node: the `itc-dag` core fed by JSON-RPC and by
//! peers over a notification protocol, with the graph persisted under the node's base path.
//!
//! - [`state`]: the graph, its database and the ingest path (stateless checks and batched
//!   signature verification outside the lock, insertion under it).
//! - [`chain`]: what the graph asks the chain (`DagAccountsApi` at the finalized block),
//!   fetched once per sender per batch.
//! - [`gossip`]: the `/itc/dag/1` notification protocol.
//! - [`rpc`]: `dag_*` JSON-RPC methods.
//! - [`cli`]: `itc-node dag-tx`, which makes and signs a transaction.

pub mod anchor;
pub mod chain;
pub mod cli;
pub mod gossip;
pub mod rpc;
pub mod state;

pub use state::DagShared;
