//! `dag_*` JSON-RPC methods. Garbage in gets a JSON-RPC error.

use super::state::{DagShared, Outcome, Source};
use futures::{channel::mpsc::UnboundedSender, FutureExt, StreamExt};
use itc_dag::{tx::DagTx, Status};
use itc_runtime::{opaque::Block, AccountId, Balance};
use jsonrpsee::{
	core::RpcResult,
	proc_macros::rpc,
	types::{ErrorObject, ErrorObjectOwned},
	PendingSubscriptionSink, SubscriptionMessage,
};
use pallet_dag_accounts::runtime_api::DagAccountsApi;
use sc_rpc::SubscriptionTaskExecutor;
use serde::Serialize;
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_core::{Bytes, H256};
use std::sync::Arc;

/// The node's DAG limits, as `dag_limits` reports them.
#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LimitsInfo {
	/// Proof-of-work difficulty in leading zero bits.
	pub difficulty: u8,
	/// How far ahead of the node's clock a timestamp may be, in ms.
	pub max_future_ms: u64,
	/// How far behind, in ms.
	pub max_age_ms: u64,
	/// The largest encoded transaction, in bytes.
	pub max_tx_size: usize,
	/// The genesis hash transactions are bound to.
	pub genesis: H256,
	/// Two tips a new transaction can approve now.
	pub tips: [H256; 2],
}

/// The DAG methods.
#[rpc(server, namespace = "dag")]
pub trait DagApi {
	/// Submits a SCALE-encoded, signed, proof-of-work-stamped transaction; returns its id.
	#[method(name = "submit")]
	fn submit(&self, tx: Bytes) -> RpcResult<H256>;

	/// A transaction's status: `pending`, `confirmed`, `anchored`, `conflicting`; `null` if
	/// the node does not hold it.
	#[method(name = "status")]
	fn status(&self, id: H256) -> RpcResult<Option<String>>;

	/// The current tips.
	#[method(name = "tips")]
	fn tips(&self) -> RpcResult<Vec<H256>>;

	/// Difficulty, timestamp window, size limit, genesis and two tips to approve.
	#[method(name = "limits")]
	fn limits(&self) -> RpcResult<LimitsInfo>;

	/// The ids of transactions as this node confirms them.
	#[subscription(
		name = "subscribeConfirmations" => "confirmation",
		unsubscribe = "unsubscribeConfirmations",
		item = H256
	)]
	fn subscribe_confirmations(&self);
}

/// Error codes of the DAG methods.
mod code {
	pub const MALFORMED: i32 = 9000;
	pub const INVALID: i32 = 9001;
	pub const REFUSED: i32 = 9002;
	pub const CONFLICT: i32 = 9003;
}

fn error(code: i32, message: String) -> ErrorObjectOwned {
	ErrorObject::owned(code, message, None::<()>)
}

/// The DAG RPC server.
pub struct Dag<C> {
	client: Arc<C>,
	dag: DagShared,
	gossip: UnboundedSender<Vec<[u8; 32]>>,
	executor: SubscriptionTaskExecutor,
}

impl<C> Dag<C> {
	/// The server; accepted submissions go to `gossip`.
	pub fn new(
		client: Arc<C>,
		dag: DagShared,
		gossip: UnboundedSender<Vec<[u8; 32]>>,
		executor: SubscriptionTaskExecutor,
	) -> Self {
		Self { client, dag, gossip, executor }
	}
}

impl<C> DagApiServer for Dag<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: DagAccountsApi<Block, AccountId, Balance>,
{
	fn submit(&self, tx: Bytes) -> RpcResult<H256> {
		let tx = DagTx::decode_exact(&tx)
			.ok_or_else(|| error(code::MALFORMED, "not a DAG transaction".into()))?;
		let outcome = self.dag.ingest(&*self.client, vec![tx], Source::Local).pop();
		match outcome {
			Some(Outcome::Accepted { id, .. }) => {
				let _ = self.gossip.unbounded_send(vec![id]);
				Ok(H256(id))
			},
			Some(Outcome::Duplicate { id }) => Ok(H256(id)),
			Some(Outcome::Invalid(invalid)) => Err(error(code::INVALID, invalid.to_string())),
			Some(Outcome::Refused { why, .. }) => Err(error(code::REFUSED, why.to_string())),
			Some(Outcome::Conflict { id, existing }) => {
				let _ = self.gossip.unbounded_send(vec![id]);
				Err(error(
					code::CONFLICT,
					format!("the sender used this sequence number for {}", H256(existing)),
				))
			},
			None => Err(error(code::MALFORMED, "nothing to submit".into())),
		}
	}

	fn status(&self, id: H256) -> RpcResult<Option<String>> {
		Ok(self.dag.status(&id.0).map(|status| {
			match status {
				Status::Pending => "pending",
				Status::Confirmed => "confirmed",
				Status::Anchored => "anchored",
				Status::Conflicting => "conflicting",
			}
			.to_string()
		}))
	}

	fn tips(&self) -> RpcResult<Vec<H256>> {
		Ok(self.dag.tips().into_iter().map(H256).collect())
	}

	fn limits(&self) -> RpcResult<LimitsInfo> {
		let limits = self.dag.limits();
		let [a, b] = self.dag.select_tips();
		Ok(LimitsInfo {
			difficulty: limits.difficulty,
			max_future_ms: limits.max_future_ms,
			max_age_ms: limits.max_age_ms,
			max_tx_size: itc_dag::tx::MAX_TX_SIZE,
			genesis: H256(self.dag.genesis()),
			tips: [H256(a), H256(b)],
		})
	}

	fn subscribe_confirmations(&self, pending: PendingSubscriptionSink) {
		let mut confirmations = self.dag.subscribe();
		let task = async move {
			let Ok(sink) = pending.accept().await else { return };
			while let Some(id) = confirmations.next().await {
				let Ok(message) = SubscriptionMessage::from_json(&H256(id)) else { return };
				if sink.send(message).await.is_err() {
					return;
				}
			}
		};
		self.executor.spawn("dag-confirmations", Some("rpc"), task.boxed());
	}
}
