//! # IoT Chain DAG service
//!
//! The node-side DAG: the `itc-dag` core fed by JSON-RPC and by peers, persisted under the
//! node's base path, anchored on chain, and able to fetch batch files from peers. Shaped like
//! polkadot-sdk's `sc-network-transactions`:
//!
//! - [`DagServicePrototype`]: opened before the network is built; gives the protocols'
//!   configurations to register ([`gossip`]'s notification protocol and [`files`]'
//!   request-response protocol);
//! - [`DagHandler`]: built once the network runs; [`DagHandler::spawn`] runs gossip, the
//!   anchor service ([`anchor`]) and the file server as three tasks until the node stops (a
//!   flood of gossip never holds up the anchor service);
//! - [`DagHandle`]: what the RPC server needs ([`rpc`]).
//!
//! Everything the service asks the chain goes through [`DagChain`], a small trait: the node
//! answers it with a client ([`ClientChain`]), tests from memory. Admission and graph rules:
//! [`state`]; errors: [`Error`]; Prometheus metrics: [`metrics`].

pub mod anchor;
pub mod chain;
pub mod content;
mod error;
pub mod files;
pub mod gossip;
pub mod limit;
pub mod metrics;
pub mod proofs;
pub mod rpc;
pub mod senders;
pub mod state;
#[cfg(test)]
mod testing;

pub use chain::{ClientChain, DagChain};
pub use content::ContentStore;
pub use error::Error;
pub use state::DagShared;

use futures::{channel::mpsc, Stream};
use itc_dag::verify::Limits;
use sc_network::{
	peer_store::PeerStoreProvider,
	service::traits::{NetworkService, NotificationService},
	NetworkBackend, NotificationMetrics,
};
use sc_network_sync::SyncEvent;
use sc_rpc::SubscriptionTaskExecutor;
use sp_core::traits::SpawnNamed;
use sp_runtime::traits::{Block as BlockT, NumberFor};
use std::{path::PathBuf, pin::Pin, sync::Arc};
use substrate_prometheus_endpoint::Registry;

/// What the service is opened with.
pub struct DagParams {
	/// The chain's genesis hash: transactions and protocols are bound to it.
	pub genesis: [u8; 32],
	/// Where the DAG database lives.
	pub path: PathBuf,
	/// Admission limits for submissions (difficulty, timestamp window).
	pub limits: Limits,
	/// Where batch files are kept.
	pub content: Arc<dyn ContentStore>,
	/// Added to the system clock for the DAG's time, in ms: 0 but on test networks, where it
	/// runs one node's DAG fast or slow without touching its consensus clock.
	pub clock_offset_ms: i64,
}

/// The service before the network exists.
pub struct DagServicePrototype {
	dag: DagShared,
	content: Arc<dyn ContentStore>,
	gossip: Box<dyn NotificationService>,
	file_requests: async_channel::Receiver<sc_network::config::IncomingRequest>,
}

/// The protocol configurations to register with the network.
pub struct ProtocolConfigs<B: BlockT, N: NetworkBackend<B, B::Hash>> {
	/// The gossip notification protocol.
	pub gossip: N::NotificationProtocolConfig,
	/// The batch file request-response protocol.
	pub files: N::RequestResponseProtocolConfig,
}

impl DagServicePrototype {
	/// Opens the DAG (replaying its database) and configures its protocols.
	pub fn new<B: BlockT, N: NetworkBackend<B, B::Hash>>(
		params: DagParams,
		notification_metrics: NotificationMetrics,
		peer_store: Arc<dyn PeerStoreProvider>,
		registry: Option<&Registry>,
	) -> Result<(Self, ProtocolConfigs<B, N>), Error> {
		let metrics = registry.map(metrics::Metrics::register).transpose()?;
		let dag = DagShared::open(params.genesis, &params.path, params.limits)?
			.with_metrics(metrics)
			.with_clock_offset(params.clock_offset_ms);
		let (gossip_config, gossip) =
			gossip::config::<B, N>(&params.genesis, notification_metrics, peer_store);
		let (files_config, file_requests) = files::config::<B, N>(&params.genesis);
		let prototype = Self { dag, content: params.content, gossip, file_requests };
		Ok((prototype, ProtocolConfigs { gossip: gossip_config, files: files_config }))
	}

	/// The DAG, for what runs beside the service.
	pub fn dag(&self) -> &DagShared {
		&self.dag
	}

	/// Builds the running service on `chain` and `network`: `sync_events` tells which peers
	/// the node syncs with, `finalized` brings finalized blocks.
	pub fn build<B: BlockT, Ch: DagChain<B>>(
		self,
		chain: Arc<Ch>,
		network: Arc<dyn NetworkService>,
		sync_events: Pin<Box<dyn Stream<Item = SyncEvent> + Send>>,
		finalized: Pin<Box<dyn Stream<Item = (B::Hash, NumberFor<B>)> + Send>>,
	) -> (DagHandler<B, Ch>, DagHandle<B, Ch>) {
		let Self { dag, content, gossip, file_requests } = self;
		let peers = files::Peers::default();
		let metrics = dag.metrics().cloned();
		let fetcher = Arc::new(files::PeerFiles::new(
			network.clone(),
			&dag.genesis(),
			peers.clone(),
			content.clone(),
			metrics.clone(),
		));
		let batch_files = files::BatchFiles::new(content.clone(), fetcher);
		let (local, submitted) = mpsc::channel(gossip::LOCAL_QUEUE);
		let handler = DagHandler {
			gossip: gossip::Gossip::new(
				chain.clone(),
				dag.clone(),
				network,
				gossip,
				sync_events,
				submitted,
				peers,
			),
			anchor: anchor::AnchorService::new(chain.clone(), dag.clone(), batch_files.clone()),
			files: files::FileServer::new(chain.clone(), file_requests, content, metrics),
			finalized,
		};
		let proofs = Arc::new(proofs::Proofs::new(chain.clone(), dag.clone(), batch_files));
		(handler, DagHandle { chain, dag, local, proofs })
	}
}

/// The running service: gossip, the anchor service and the batch file server.
pub struct DagHandler<B: BlockT, Ch> {
	gossip: gossip::Gossip<B, Ch>,
	anchor: anchor::AnchorService<B, Ch>,
	files: files::FileServer<B, Ch>,
	finalized: Pin<Box<dyn Stream<Item = (B::Hash, NumberFor<B>)> + Send>>,
}

impl<B: BlockT, Ch: DagChain<B>> DagHandler<B, Ch> {
	/// Spawns the service's tasks (`dag-gossip`, `dag-anchor`, `dag-files`) on `spawner`; they
	/// run until the node stops.
	pub fn spawn(self, spawner: &impl SpawnNamed) {
		let Self { gossip, anchor, files, finalized } = self;
		spawner.spawn("dag-gossip", Some("dag"), Box::pin(gossip.run()));
		spawner.spawn("dag-anchor", Some("dag"), Box::pin(anchor.run(finalized)));
		spawner.spawn("dag-files", Some("dag"), Box::pin(files.run()));
	}
}

/// What the RPC server needs of the service.
pub struct DagHandle<B, Ch> {
	chain: Arc<Ch>,
	dag: DagShared,
	local: mpsc::Sender<Vec<itc_dag::TxId>>,
	proofs: Arc<proofs::Proofs<B, Ch>>,
}

impl<B, Ch> Clone for DagHandle<B, Ch> {
	fn clone(&self) -> Self {
		Self {
			chain: self.chain.clone(),
			dag: self.dag.clone(),
			local: self.local.clone(),
			proofs: self.proofs.clone(),
		}
	}
}

impl<B: BlockT, Ch: DagChain<B>> DagHandle<B, Ch> {
	/// The `dag_*` methods, subscriptions running on `executor`.
	pub fn rpc(&self, executor: SubscriptionTaskExecutor) -> jsonrpsee::RpcModule<rpc::Dag<B, Ch>> {
		use rpc::DagApiServer;
		rpc::Dag::new(
			self.chain.clone(),
			self.dag.clone(),
			self.local.clone(),
			executor,
			self.proofs.clone(),
		)
		.into_rpc()
	}
}
