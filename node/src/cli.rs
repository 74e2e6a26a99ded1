//! Command-line interface: the standard Substrate node commands.

/// Sub-commands of `itc-node`; without one, it runs the node.
#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
	/// Key management: generate, inspect, insert keys.
	#[command(subcommand)]
	Key(sc_cli::KeySubcommand),

	/// Build a chain specification (kept for zombienet; prefer `export-chain-spec`).
	BuildSpec(sc_cli::BuildSpecCmd),

	/// Export the chain specification of `--chain`.
	ExportChainSpec(sc_cli::ExportChainSpecCmd),

	/// Validate blocks.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Export blocks.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Export the state of a given block into a chain spec.
	ExportState(sc_cli::ExportStateCmd),

	/// Import blocks.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Remove the whole chain.
	PurgeChain(sc_cli::PurgeChainCmd),

	/// Revert the chain to a previous state.
	Revert(sc_cli::RevertCmd),

	/// Runtime and machine benchmarks (`pallet`, `machine`).
	#[cfg(feature = "runtime-benchmarks")]
	#[command(subcommand)]
	Benchmark(frame_benchmarking_cli::BenchmarkCmd),

	/// Runtime and machine benchmarks: needs a node built with `--features runtime-benchmarks`
	/// (`scripts/bench/weights.sh` builds one).
	#[cfg(not(feature = "runtime-benchmarks"))]
	Benchmark(BenchmarkUnavailable),

	/// Database meta columns information.
	ChainInfo(sc_cli::ChainInfoCmd),

	/// Make and sign a DAG transaction (development and firmware test vectors).
	DagTx(crate::dag_tx::DagTxCmd),
}

/// Arguments of `benchmark` in a node built without benchmarks.
#[cfg(not(feature = "runtime-benchmarks"))]
#[derive(Debug, clap::Args)]
pub struct BenchmarkUnavailable {
	/// Whatever was given.
	#[arg(trailing_var_arg = true, allow_hyphen_values = true)]
	pub args: Vec<String>,
}

/// `itc-node` command line.
#[derive(Debug, clap::Parser)]
pub struct Cli {
	/// A sub-command; without one, run the node.
	#[command(subcommand)]
	pub subcommand: Option<Subcommand>,

	/// Options of the node.
	#[clap(flatten)]
	pub run: sc_cli::RunCmd,

	/// Options of the DAG service.
	#[clap(flatten)]
	pub dag: DagOptions,
}

/// Options of the DAG service.
#[derive(Debug, Clone, clap::Args)]
pub struct DagOptions {
	/// Keep DAG batch files in the IPFS engine whose kubo HTTP RPC is at this URL
	/// (e.g. `http://127.0.0.1:5001`) instead of the embedded store in the base path.
	#[arg(long, value_name = "URL")]
	pub ipfs_api: Option<String>,

	/// How far behind this node's clock the timestamp of a transaction submitted to it may
	/// be, in ms (an admission rule: relayed transactions are never refused for their age).
	#[arg(long, value_name = "MS", default_value_t = 600_000)]
	pub dag_max_age_ms: u64,

	/// Test networks only: run the DAG service's clock this many ms off the system clock
	/// (negative: behind), leaving block production on the system clock.
	#[arg(
		long,
		value_name = "MS",
		default_value_t = 0,
		allow_negative_numbers = true,
		hide = true
	)]
	pub dag_clock_offset_ms: i64,
}
