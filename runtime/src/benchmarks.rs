//! The pallets whose benchmarks the runtime runs (`itc-node benchmark pallet`).

frame_benchmarking::define_benchmarks!(
	[frame_system, SystemBench::<Runtime>]
	[pallet_balances, Balances]
	[pallet_timestamp, Timestamp]
	[pallet_sudo, Sudo]
	[pallet_utility, Utility]
	[pallet_multisig, Multisig]
	[pallet_token_vesting, Vesting]
	[pallet_manufacturers, Manufacturers]
	[pallet_devices, Devices]
	[pallet_data_market, DataMarket]
	[pallet_edge_mining, EdgeMining]
	[pallet_dag_accounts, DagAccounts]
	[pallet_dag_anchor, DagAnchor]
	// The chain extension's functions (no pallet of its own in the runtime).
	[itc_chain_extension, ChainExtensionBench::<Runtime>]
);

impl frame_system_benchmarking::Config for crate::Runtime {}
