//! The node's JSON-RPC server, started by the node rather than by `sc_service::spawn_tasks`, so
//! that methods `sc_service` mounts can be guarded ([`super::upstream_guard`]).
//!
//! `spawn_tasks` always builds and starts a server from the configuration it is given, and
//! offers no way to change a method afterwards (`sc_service::gen_rpc_module`, which builds the
//! module, takes a parameter type `sc_service` does not export). So, before the configuration
//! goes to `spawn_tasks`, [`OwnServer::take`] takes its RPC settings and its Prometheus endpoint
//! out, and leaves in their place one endpoint that serves nobody: `127.0.0.1`, a free port
//! that is none of the operator's, no connection allowed (jsonrpsee answers HTTP 429 before it
//! reads a request). `spawn_tasks` builds the module with every method, the node's own
//! included, and returns it for in-memory use; [`OwnServer::start`] takes that module, guards
//! it, and serves it with `sc_service::start_rpc_servers` on the operator's endpoints, with
//! the RPC metrics on the Prometheus endpoint it starts too. Methods, limits, `--rpc-methods`
//! (decided per connection by the server, not by the module), rate limits and metric names are
//! `spawn_tasks`'s, except the `transaction_v1` broadcast metrics, which `spawn_tasks` only
//! registers with a Prometheus registry.

use crate::service::FullClient;
use itc_runtime::opaque::Block;
use sc_rpc::DenyUnsafe;
use sc_service::{
	config::{PrometheusConfig, RpcConfiguration, RpcEndpoint},
	error::Error as ServiceError,
	Configuration, Role, RpcHandlers, RpcMethods, TaskManager,
};
use std::{
	net::{Ipv4Addr, SocketAddr, TcpListener},
	sync::Arc,
};

/// The transaction pool the node runs.
type Pool = sc_transaction_pool::TransactionPoolHandle<Block, FullClient>;

/// The operator's RPC and Prometheus settings, held while `spawn_tasks` runs with the
/// endpoint that serves nobody.
pub struct OwnServer {
	rpc: RpcConfiguration,
	prometheus: Option<PrometheusConfig>,
	impl_version: String,
	node_name: String,
	role: Role,
	tokio_handle: tokio::runtime::Handle,
}

/// The services the node's metrics read, and where the server's tasks live.
pub struct Services<'a> {
	/// The client.
	pub client: Arc<FullClient>,
	/// The transaction pool.
	pub pool: Arc<Pool>,
	/// The network.
	pub network: Arc<dyn sc_network::service::traits::NetworkService>,
	/// Syncing.
	pub sync: Arc<sc_network_sync::SyncingService<Block>>,
	/// Where the server's tasks are kept alive.
	pub task_manager: &'a mut TaskManager,
}

impl OwnServer {
	/// Takes the RPC and Prometheus settings out of `config`, leaving the endpoint that serves
	/// nobody (module docs).
	pub fn take(config: &mut Configuration) -> Result<Self, ServiceError> {
		let refusing = refusing(&config.rpc)?;
		Ok(Self {
			rpc: std::mem::replace(&mut config.rpc, refusing),
			prometheus: config.prometheus_config.take(),
			impl_version: config.impl_version.clone(),
			node_name: config.network.node_name.clone(),
			role: config.role,
			tokio_handle: config.tokio_handle.clone(),
		})
	}

	/// Starts the Prometheus endpoint and the guarded RPC server, serving the module of
	/// `handlers` (what `spawn_tasks` returned).
	pub fn start(mut self, handlers: RpcHandlers, services: Services) -> Result<(), ServiceError> {
		let Services { client, pool, network, sync, task_manager } = services;
		let registry = self.prometheus.as_ref().map(|p| p.registry.clone());
		if let Some(PrometheusConfig { port, registry }) = self.prometheus.take() {
			let metrics = sc_service::MetricsService::with_prometheus(
				None,
				&registry,
				self.role,
				&self.node_name,
				&self.impl_version,
			)?;
			let spawn = task_manager.spawn_handle();
			spawn.spawn("prometheus-endpoint", None, async move {
				if let Err(e) = substrate_prometheus_endpoint::init_prometheus(port, registry).await
				{
					log::error!("Prometheus endpoint on {port}: {e}");
				}
			});
			spawn.spawn("prometheus-metrics", None, metrics.run(client, pool, network, sync));
		}

		// The in-memory module allows unsafe methods to whoever calls it directly; over the
		// network the server decides per connection.
		let mut module = (*handlers.handle()).clone();
		module.extensions_mut().remove::<DenyUnsafe>();
		super::upstream_guard::guard(&mut module)
			.map_err(|e| ServiceError::Application(Box::new(e)))?;

		let rpc_runtime = sc_service::create_rpc_runtime(self.rpc.max_connections)
			.map_err(|e| ServiceError::Application(Box::new(e)))?;
		let id_provider = self.rpc.id_provider.take();
		let server = sc_service::start_rpc_servers(
			&self.rpc,
			registry.as_ref(),
			&self.tokio_handle,
			module,
			rpc_runtime,
			id_provider,
		)?;
		task_manager.keep_alive(server);
		Ok(())
	}
}

/// RPC settings that serve nobody: one loopback endpoint on a free port that is none of the
/// operator's (so the operator's server never finds its port taken by this one), taking no
/// connection, for `spawn_tasks`'s server. Its `max_connections` stays the operator's: it sizes
/// the runtime the module's tasks run on.
fn refusing(rpc: &RpcConfiguration) -> Result<RpcConfiguration, ServiceError> {
	let endpoint = RpcEndpoint {
		listen_addr: SocketAddr::from((Ipv4Addr::LOCALHOST, free_port_but(&operator_ports(rpc))?)),
		batch_config: sc_service::config::RpcBatchRequestConfig::Disabled,
		max_connections: 0,
		max_payload_in_mb: 0,
		max_payload_out_mb: 0,
		max_subscriptions_per_connection: 0,
		max_buffer_capacity_per_connection: 1,
		rate_limit: None,
		rate_limit_trust_proxy_headers: false,
		rate_limit_whitelisted_ips: Vec::new(),
		cors: Some(Vec::new()),
		rpc_methods: RpcMethods::Safe,
		is_optional: false,
		retry_random_port: false,
	};
	Ok(RpcConfiguration {
		addr: Some(vec![endpoint]),
		max_connections: rpc.max_connections,
		cors: Some(Vec::new()),
		methods: RpcMethods::Safe,
		max_request_size: 0,
		max_response_size: 0,
		id_provider: None,
		max_subs_per_conn: 0,
		port: 0,
		message_buffer_capacity: 1,
		batch_config: sc_service::config::RpcBatchRequestConfig::Disabled,
		rate_limit: None,
		rate_limit_whitelisted_ips: Vec::new(),
		rate_limit_trust_proxy_headers: false,
		request_logger_limit: rpc.request_logger_limit,
	})
}

/// The ports the operator's server listens on.
fn operator_ports(rpc: &RpcConfiguration) -> Vec<u16> {
	match &rpc.addr {
		Some(endpoints) => endpoints.iter().map(|e| e.listen_addr.port()).collect(),
		None => vec![rpc.port],
	}
}

/// A loopback port free now and not in `taken`.
fn free_port_but(taken: &[u16]) -> Result<u16, ServiceError> {
	for _ in 0..16 {
		let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?.local_addr()?.port();
		if !taken.contains(&port) {
			return Ok(port);
		}
	}
	Err(ServiceError::Other("no free loopback port for the idle RPC endpoint".into()))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn the_idle_endpoint_avoids_the_operators_ports() {
		let taken: Vec<u16> = (0..8)
			.map(|_| {
				TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap().local_addr().unwrap().port()
			})
			.collect();
		for _ in 0..32 {
			let port = free_port_but(&taken).unwrap();
			assert!(!taken.contains(&port) && port != 0);
		}
	}
}
