//! The service's errors.

/// Why a DAG service operation failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
	/// The DAG database failed.
	#[error(transparent)]
	Store(#[from] itc_dag::store::StoreError),
	/// A runtime API call failed.
	#[error("runtime API: {0}")]
	Runtime(String),
	/// A block the service needs is not known (yet).
	#[error("block #{0} is not known")]
	UnknownBlock(u64),
	/// The batch file store failed.
	#[error("batch file store: {0}")]
	Content(String),
	/// A batch file is nowhere to be found: not in this node's store, not at any peer asked.
	#[error("batch {0} is not in this node's store and no peer had it")]
	FileMissing(String),
	/// A batch file does not decode, or does not match its anchor.
	#[error("batch file {cid}: {why}")]
	BadFile {
		/// The file's CID.
		cid: String,
		/// What is wrong with it.
		why: &'static str,
	},
	/// A peer asked for more than its allowance.
	#[error("the peer asks too often")]
	Limited,
	/// The node has no off-chain database to leave summaries in.
	#[error("the node has no off-chain database")]
	NoOffchainDb,
	/// A summary does not fit its bounds (a CID that is too long).
	#[error("the summary of epoch {0} does not fit its bounds")]
	Unbounded(u32),
	/// Prometheus metrics could not be registered.
	#[error("metrics: {0}")]
	Metrics(#[from] substrate_prometheus_endpoint::PrometheusError),
	/// A blocking task was cancelled (the node is stopping).
	#[error("the node is stopping")]
	Stopping,
}

impl From<sp_api::ApiError> for Error {
	fn from(e: sp_api::ApiError) -> Self {
		Error::Runtime(e.to_string())
	}
}

impl From<sp_blockchain::Error> for Error {
	fn from(e: sp_blockchain::Error) -> Self {
		Error::Runtime(e.to_string())
	}
}
