//! `dag_*` JSON-RPC methods. Garbage in gets a JSON-RPC error.

use crate::{
	chain::DagChain,
	proofs::Proofs,
	state::{DagShared, Outcome, Source},
};
use futures::{channel::mpsc::Sender, FutureExt, SinkExt, StreamExt};
use itc_dag::{tx::DagTx, Status};
use jsonrpsee::{
	core::RpcResult,
	proc_macros::rpc,
	types::{ErrorObject, ErrorObjectOwned},
	PendingSubscriptionSink, SubscriptionMessage,
};
use sc_rpc::SubscriptionTaskExecutor;
use serde::Serialize;
use sp_core::{Bytes, H256};
use sp_runtime::traits::Block as BlockT;
use std::sync::{Arc, Mutex};

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

/// One transaction's result in `dag_submitBatch`.
#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchResult {
	/// Its id, if it was accepted (or known).
	pub id: Option<H256>,
	/// The error code and message otherwise.
	pub error: Option<(i32, String)>,
}

/// Where a transaction stands, as `dag_status` reports it.
#[derive(Clone, Debug, Eq, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusInfo {
	/// `pending`, `confirmed`, `anchored` or `conflicting`.
	pub status: String,
	/// The epoch of the anchor that holds it, once anchored.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub epoch: Option<u32>,
	/// What it did there, once anchored: `applied`, `void`, `void-no-recipient`,
	/// `void-inactive-sender` or `void-conflict`.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub effect: Option<String>,
}

/// Where a transaction is anchored, and its inclusion proof (docs/ANCHOR.md).
#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProofInfo {
	/// The anchor's epoch.
	pub epoch: u32,
	/// The anchor's Merkle root.
	pub root: H256,
	/// What it did: `applied`, or `void…` with the reason (as in [`StatusInfo::effect`]).
	pub effect: String,
	/// The leaf's position in the batch.
	pub index: u32,
	/// Leaves in the batch (the anchor's count).
	pub leaf_count: u32,
	/// Sibling hashes from the leaf up.
	pub siblings: Vec<H256>,
}

/// The DAG methods.
#[rpc(server, namespace = "dag")]
pub trait DagApi {
	/// Submits a SCALE-encoded, signed, proof-of-work-stamped transaction; returns its id.
	#[method(name = "submit", blocking)]
	fn submit(&self, tx: Bytes) -> RpcResult<H256>;

	/// Submits up to 1,024 transactions at once (a gateway forwarding its devices'); returns,
	/// per transaction, its id or the error `dag_submit` would have given.
	#[method(name = "submitBatch", blocking)]
	fn submit_batch(&self, txs: Vec<Bytes>) -> RpcResult<Vec<BatchResult>>;

	/// A transaction's status (`pending`, `confirmed`, `anchored`, `conflicting`) and, once
	/// anchored, the anchor's epoch and what the transaction did there; `null` if the node
	/// neither holds it nor knows an anchor of it.
	#[method(name = "status")]
	fn status(&self, id: H256) -> RpcResult<Option<StatusInfo>>;

	/// Where an anchored transaction is anchored and its Merkle proof, to check with the
	/// runtime API `DagAnchorApi::verify_inclusion` (or by hand) against a finalized anchor;
	/// `null` if this node knows no anchor holding it.
	#[method(name = "proof")]
	async fn proof(&self, id: H256) -> RpcResult<Option<ProofInfo>>;

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
	pub const UNAVAILABLE: i32 = 9004;
}

fn error(code: i32, message: String) -> ErrorObjectOwned {
	ErrorObject::owned(code, message, None::<()>)
}

/// The most transactions `dag_submitBatch` takes.
pub const MAX_BATCH: usize = 1_024;

fn malformed() -> (i32, String) {
	(code::MALFORMED, "not a DAG transaction".into())
}

/// The DAG RPC server.
pub struct Dag<B, Ch> {
	chain: Arc<Ch>,
	dag: DagShared,
	gossip: Mutex<Sender<Vec<[u8; 32]>>>,
	executor: SubscriptionTaskExecutor,
	proofs: Arc<Proofs<B, Ch>>,
}

impl<B, Ch> Dag<B, Ch> {
	/// The server; accepted submissions go to `gossip`, proofs come from `proofs`.
	pub fn new(
		chain: Arc<Ch>,
		dag: DagShared,
		gossip: Sender<Vec<[u8; 32]>>,
		executor: SubscriptionTaskExecutor,
		proofs: Arc<Proofs<B, Ch>>,
	) -> Self {
		Self { chain, dag, gossip: Mutex::new(gossip), executor, proofs }
	}
}

impl<B: BlockT, Ch: DagChain<B>> Dag<B, Ch> {
	/// Decodes, ingests and gossips `txs`; each one's id or (code, message).
	fn submit_all(&self, txs: Vec<Bytes>) -> Vec<Result<H256, (i32, String)>> {
		let decoded: Vec<Option<DagTx>> = txs.iter().map(|tx| DagTx::decode_exact(tx)).collect();
		let valid: Vec<DagTx> = decoded.iter().flatten().cloned().collect();
		let ingested = self.dag.ingest(&*self.chain, valid, Source::Local);
		let mut outcomes = ingested.outcomes.into_iter();
		let results = decoded
			.iter()
			.map(|tx| {
				let Some(outcome) = tx.as_ref().and_then(|_| outcomes.next()) else {
					return Err(malformed());
				};
				match outcome {
					Outcome::Accepted { id, .. } => Ok(H256(id)),
					Outcome::Duplicate { id } => Ok(H256(id)),
					Outcome::Invalid(invalid) => Err((code::INVALID, invalid.to_string())),
					Outcome::Refused { why, .. } => Err((code::REFUSED, why.to_string())),
					Outcome::Conflict { existing, .. } => Err((
						code::CONFLICT,
						format!("the sender used this sequence number for {}", H256(existing)),
					)),
				}
			})
			.collect();
		if !ingested.added.is_empty() {
			// The queue to the gossip task is bounded and every submitter sends through the
			// one sender: a submitter waits while the queue is full (these methods run on
			// blocking threads). A clone per call would not wait: each clone has a slot of
			// its own. It only fails once the node stops.
			let mut gossip = self.gossip.lock().expect("never poisoned");
			let _ = futures::executor::block_on(gossip.send(ingested.added));
		}
		results
	}
}

#[jsonrpsee::core::async_trait]
impl<B: BlockT, Ch: DagChain<B>> DagApiServer for Dag<B, Ch> {
	async fn proof(&self, id: H256) -> RpcResult<Option<ProofInfo>> {
		let found =
			self.proofs.proof(&id.0).await.map_err(|e| error(code::UNAVAILABLE, e.to_string()))?;
		Ok(found.map(|found| ProofInfo {
			epoch: found.epoch,
			root: H256(found.root),
			effect: found.effect.name().into(),
			index: found.proof.index,
			leaf_count: found.proof.leaf_count,
			siblings: found.proof.siblings.into_iter().map(H256).collect(),
		}))
	}

	fn submit(&self, tx: Bytes) -> RpcResult<H256> {
		let result = self.submit_all(vec![tx]).pop();
		result.unwrap_or_else(|| Err(malformed())).map_err(|(code, message)| error(code, message))
	}

	fn submit_batch(&self, txs: Vec<Bytes>) -> RpcResult<Vec<BatchResult>> {
		if txs.len() > MAX_BATCH {
			return Err(error(code::MALFORMED, format!("at most {MAX_BATCH} transactions")));
		}
		Ok(self
			.submit_all(txs)
			.into_iter()
			.map(|result| match result {
				Ok(id) => BatchResult { id: Some(id), error: None },
				Err(error) => BatchResult { id: None, error: Some(error) },
			})
			.collect())
	}

	fn status(&self, id: H256) -> RpcResult<Option<StatusInfo>> {
		let anchored = self.dag.anchored(&id.0);
		let status = match (self.dag.status(&id.0), anchored) {
			(Some(Status::Anchored), _) | (None, Some(_)) => "anchored",
			(Some(Status::Pending), _) => "pending",
			(Some(Status::Confirmed), _) => "confirmed",
			(Some(Status::Conflicting), _) => "conflicting",
			(None, None) => return Ok(None),
		};
		let anchored = anchored.filter(|_| status == "anchored");
		Ok(Some(StatusInfo {
			status: status.into(),
			epoch: anchored.map(|(epoch, _)| epoch),
			effect: anchored.map(|(_, effect)| effect.name().into()),
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
