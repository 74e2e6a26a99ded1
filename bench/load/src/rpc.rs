//! JSON-RPC over HTTP to the node: the handful of methods the load generator uses.

use hyper::{client::HttpConnector, Body, Client, Request};
use itc_runtime::{Hash, Header};
use serde_json::{json, Value};
use sp_core::{bytes, H256};
use std::sync::{
	atomic::{AtomicU64, Ordering},
	Arc,
};

/// A JSON-RPC error: the node's code and message, or a transport failure (code 0).
#[derive(Debug, Clone)]
pub struct RpcError {
	/// The JSON-RPC error code; 0 when the request did not get an answer.
	pub code: i64,
	/// What went wrong.
	pub message: String,
}

impl std::fmt::Display for RpcError {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		write!(f, "{} ({})", self.message, self.code)
	}
}

fn transport(e: impl std::fmt::Display) -> RpcError {
	RpcError { code: 0, message: e.to_string() }
}

/// A client of one node's HTTP JSON-RPC.
#[derive(Clone)]
pub struct Rpc {
	client: Client<HttpConnector>,
	url: hyper::Uri,
	next_id: Arc<AtomicU64>,
}

impl Rpc {
	/// The node at `url` (`http://127.0.0.1:9944`).
	pub fn new(url: &str) -> Result<Self, String> {
		let url = url.parse().map_err(|e| format!("{url}: {e}"))?;
		let client = Client::builder().pool_max_idle_per_host(256).build_http();
		Ok(Self { client, url, next_id: Arc::new(AtomicU64::new(1)) })
	}

	/// Calls `method` with `params`; its `result`.
	pub async fn call(&self, method: &str, params: Value) -> Result<Value, RpcError> {
		let id = self.next_id.fetch_add(1, Ordering::Relaxed);
		let body = json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params });
		let request = Request::post(self.url.clone())
			.header("content-type", "application/json")
			.body(Body::from(body.to_string()))
			.map_err(transport)?;
		let response = self.client.request(request).await.map_err(transport)?;
		let bytes = hyper::body::to_bytes(response.into_body()).await.map_err(transport)?;
		let mut answer: Value = serde_json::from_slice(&bytes).map_err(transport)?;
		if let Some(error) = answer.get("error") {
			return Err(RpcError {
				code: error.get("code").and_then(Value::as_i64).unwrap_or_default(),
				message: error.get("message").and_then(Value::as_str).unwrap_or("?").to_string(),
			});
		}
		Ok(answer.get_mut("result").map(Value::take).unwrap_or(Value::Null))
	}

	/// Submits a signed extrinsic.
	pub async fn submit(&self, extrinsic: &[u8]) -> Result<(), RpcError> {
		self.call("author_submitExtrinsic", json!([bytes::to_hex(extrinsic, false)])).await?;
		Ok(())
	}

	/// The genesis hash.
	pub async fn genesis(&self) -> Result<Hash, RpcError> {
		hash(&self.call("chain_getBlockHash", json!([0])).await?)
	}

	/// The best block's hash.
	pub async fn best(&self) -> Result<Hash, RpcError> {
		hash(&self.call("chain_getBlockHash", json!([])).await?)
	}

	/// The finalized block's hash.
	pub async fn finalized(&self) -> Result<Hash, RpcError> {
		hash(&self.call("chain_getFinalizedHead", json!([])).await?)
	}

	/// The block `at`: its header and its extrinsics, encoded as the pool hashes them.
	pub async fn block(&self, at: Hash) -> Result<(Header, Vec<Vec<u8>>), RpcError> {
		let block = self.call("chain_getBlock", json!([at])).await?;
		let block = block.get("block").ok_or_else(|| transport("no block in the answer"))?;
		let header = serde_json::from_value(block["header"].clone()).map_err(transport)?;
		let extrinsics = block["extrinsics"]
			.as_array()
			.ok_or_else(|| transport("no extrinsics"))?
			.iter()
			.map(hex_bytes)
			.collect::<Result<_, _>>()?;
		Ok((header, extrinsics))
	}

	/// `(spec_version, transaction_version)` of the runtime at the best block.
	pub async fn versions(&self) -> Result<(u32, u32), RpcError> {
		let version = self.call("state_getRuntimeVersion", json!([])).await?;
		let field = |name: &str| {
			version
				.get(name)
				.and_then(Value::as_u64)
				.map(|v| v as u32)
				.ok_or_else(|| transport(name))
		};
		Ok((field("specVersion")?, field("transactionVersion")?))
	}

	/// The next nonce of `account` (pool included).
	pub async fn next_nonce(&self, account: &itc_runtime::AccountId) -> Result<u32, RpcError> {
		let nonce = self.call("system_accountNextIndex", json!([account.to_string()])).await?;
		nonce.as_u64().map(|n| n as u32).ok_or_else(|| transport("not a nonce"))
	}

	/// The storage value at `key` in the best block, if any.
	pub async fn storage(&self, key: &[u8]) -> Result<Option<Vec<u8>>, RpcError> {
		let value = self.call("state_getStorage", json!([bytes::to_hex(key, false)])).await?;
		if value.is_null() {
			return Ok(None);
		}
		hex_bytes(&value).map(Some)
	}
}

fn hex_bytes(value: &Value) -> Result<Vec<u8>, RpcError> {
	bytes::from_hex(value.as_str().ok_or_else(|| transport("not a string"))?).map_err(transport)
}

fn hash(value: &Value) -> Result<Hash, RpcError> {
	let raw = hex_bytes(value)?;
	(raw.len() == 32).then(|| H256::from_slice(&raw)).ok_or_else(|| transport("not a hash"))
}
