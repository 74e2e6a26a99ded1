//! Prometheus metrics of the DAG service, in the node's registry (prefix `itc_dag_`).

use substrate_prometheus_endpoint::{
	register, Counter, CounterVec, Gauge, Histogram, HistogramOpts, Opts, PrometheusError,
	Registry, U64,
};

/// The service's metrics.
#[derive(Clone)]
pub struct Metrics {
	/// Transactions taken into the graph or the orphan pool.
	pub accepted: Counter<U64>,
	/// Transactions refused, by reason.
	pub refused: CounterVec<U64>,
	/// Orphans held now.
	pub orphans: Gauge<U64>,
	/// Tips now.
	pub tips: Gauge<U64>,
	/// Vertices in the graph.
	pub graph_size: Gauge<U64>,
	/// Epoch batches cut.
	pub batches_cut: Counter<U64>,
	/// Batch files asked of peers, by result (`fetched`, `missing`, `bad`).
	pub files_fetched: CounterVec<U64>,
	/// Batch files served to peers, by result (`served`, `missing`, `limited`, `refused`).
	pub files_served: CounterVec<U64>,
	/// Wants from peers dropped by the per-peer rate limit.
	pub wants_limited: Counter<U64>,
	/// `dag_proof` calls.
	pub proof_calls: Counter<U64>,
	/// Time to answer a `dag_proof` call, in seconds.
	pub proof_time: Histogram,
}

impl Metrics {
	/// Registers the metrics in `registry`.
	pub fn register(registry: &Registry) -> Result<Self, PrometheusError> {
		let counter = |name: &str, help: &str| register(Counter::new(name, help)?, registry);
		let gauge = |name: &str, help: &str| register(Gauge::new(name, help)?, registry);
		let by = |name: &str, help: &str, label: &str| {
			register(CounterVec::new(Opts::new(name, help), &[label])?, registry)
		};
		Ok(Self {
			accepted: counter("itc_dag_accepted_total", "DAG transactions accepted")?,
			refused: by("itc_dag_refused_total", "DAG transactions refused", "reason")?,
			orphans: gauge("itc_dag_orphans", "DAG orphans held")?,
			tips: gauge("itc_dag_tips", "DAG tips")?,
			graph_size: gauge("itc_dag_graph_size", "DAG vertices held")?,
			batches_cut: counter("itc_dag_batches_cut_total", "Epoch batches cut")?,
			files_fetched: by(
				"itc_dag_files_fetched_total",
				"Batch files asked of peers",
				"result",
			)?,
			files_served: by("itc_dag_files_served_total", "Batch files served", "result")?,
			wants_limited: counter(
				"itc_dag_wants_limited_total",
				"Wants dropped by the per-peer rate limit",
			)?,
			proof_calls: counter("itc_dag_proof_calls_total", "dag_proof calls")?,
			proof_time: register(
				Histogram::with_opts(
					HistogramOpts::new("itc_dag_proof_seconds", "Time to answer dag_proof")
						.buckets(vec![0.000_1, 0.001, 0.01, 0.05, 0.1, 0.5, 1.0, 5.0]),
				)?,
				registry,
			)?,
		})
	}
}
