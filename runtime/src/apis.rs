//! The runtime APIs: what the node and clients such as Polkadot.js call into the runtime for.

use alloc::vec::Vec;
use frame_support::{
	genesis_builder_helper::{build_state, get_preset},
	weights::Weight,
};
use pallet_grandpa::AuthorityId as GrandpaId;
use sp_api::impl_runtime_apis;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_core::{crypto::KeyTypeId, OpaqueMetadata};
use sp_runtime::{
	traits::{Block as BlockT, NumberFor},
	transaction_validity::{TransactionSource, TransactionValidity},
	ApplyExtrinsicResult,
};
use sp_version::RuntimeVersion;

use itc_primitives::device::{DeviceCode, ManufacturerId};

use crate::{
	configs::RuntimeBlockWeights, genesis_config_presets, AccountId, Aura, Balance, Block,
	BlockNumber, Contracts, DagAccounts, DagAnchor, DataMarket, Devices, EdgeMining, Executive,
	Grandpa, Hash, InherentDataExt, Nonce, Runtime, RuntimeCall, RuntimeEvent,
	RuntimeGenesisConfig, SessionKeys, System, TransactionPayment, VERSION,
};

/// The events a contract call's dry run collects.
type EventRecord = frame_system::EventRecord<RuntimeEvent, Hash>;

impl_runtime_apis! {
	impl sp_api::Core<Block> for Runtime {
		fn version() -> RuntimeVersion {
			VERSION
		}

		fn execute_block(block: <Block as BlockT>::LazyBlock) {
			Executive::execute_block(block);
		}

		fn initialize_block(header: &<Block as BlockT>::Header) -> sp_runtime::ExtrinsicInclusionMode {
			Executive::initialize_block(header)
		}
	}

	impl sp_api::Metadata<Block> for Runtime {
		fn metadata() -> OpaqueMetadata {
			OpaqueMetadata::new(Runtime::metadata().into())
		}

		fn metadata_at_version(version: u32) -> Option<OpaqueMetadata> {
			Runtime::metadata_at_version(version)
		}

		fn metadata_versions() -> Vec<u32> {
			Runtime::metadata_versions()
		}
	}

	impl frame_support::view_functions::runtime_api::RuntimeViewFunction<Block> for Runtime {
		fn execute_view_function(
			id: frame_support::view_functions::ViewFunctionId,
			input: Vec<u8>,
		) -> Result<Vec<u8>, frame_support::view_functions::ViewFunctionDispatchError> {
			Runtime::execute_view_function(id, input)
		}
	}

	impl sp_block_builder::BlockBuilder<Block> for Runtime {
		fn apply_extrinsic(extrinsic: <Block as BlockT>::Extrinsic) -> ApplyExtrinsicResult {
			Executive::apply_extrinsic(extrinsic)
		}

		fn finalize_block() -> <Block as BlockT>::Header {
			Executive::finalize_block()
		}

		fn inherent_extrinsics(data: sp_inherents::InherentData) -> Vec<<Block as BlockT>::Extrinsic> {
			data.create_extrinsics()
		}

		fn check_inherents(
			block: <Block as BlockT>::LazyBlock,
			data: sp_inherents::InherentData,
		) -> sp_inherents::CheckInherentsResult {
			data.check_extrinsics(&block)
		}
	}

	impl sp_transaction_pool::runtime_api::TaggedTransactionQueue<Block> for Runtime {
		fn validate_transaction(
			source: TransactionSource,
			tx: <Block as BlockT>::Extrinsic,
			block_hash: <Block as BlockT>::Hash,
		) -> TransactionValidity {
			Executive::validate_transaction(source, tx, block_hash)
		}
	}

	impl sp_offchain::OffchainWorkerApi<Block> for Runtime {
		fn offchain_worker(header: &<Block as BlockT>::Header) {
			Executive::offchain_worker(header)
		}
	}

	impl sp_consensus_aura::AuraApi<Block, AuraId> for Runtime {
		fn slot_duration() -> sp_consensus_aura::SlotDuration {
			sp_consensus_aura::SlotDuration::from_millis(Aura::slot_duration())
		}

		fn authorities() -> Vec<AuraId> {
			pallet_aura::Authorities::<Runtime>::get().into_inner()
		}
	}

	impl sp_session::SessionKeys<Block> for Runtime {
		fn generate_session_keys(owner: Vec<u8>, seed: Option<Vec<u8>>) -> sp_session::OpaqueGeneratedSessionKeys {
			SessionKeys::generate(&owner, seed).into()
		}

		fn decode_session_keys(encoded: Vec<u8>) -> Option<Vec<(Vec<u8>, KeyTypeId)>> {
			SessionKeys::decode_into_raw_public_keys(&encoded)
		}
	}

	impl sp_consensus_grandpa::GrandpaApi<Block> for Runtime {
		fn grandpa_authorities() -> sp_consensus_grandpa::AuthorityList {
			Grandpa::grandpa_authorities()
		}

		fn current_set_id() -> sp_consensus_grandpa::SetId {
			Grandpa::current_set_id()
		}

		fn submit_report_equivocation_unsigned_extrinsic(
			_equivocation_proof: sp_consensus_grandpa::EquivocationProof<
				<Block as BlockT>::Hash,
				NumberFor<Block>,
			>,
			_key_owner_proof: sp_consensus_grandpa::OpaqueKeyOwnershipProof,
		) -> Option<()> {
			// No session pallet yet: there is no key-ownership proof to report with.
			None
		}

		fn generate_key_ownership_proof(
			_set_id: sp_consensus_grandpa::SetId,
			_authority_id: GrandpaId,
		) -> Option<sp_consensus_grandpa::OpaqueKeyOwnershipProof> {
			None
		}
	}

	impl frame_system_rpc_runtime_api::AccountNonceApi<Block, AccountId, Nonce> for Runtime {
		fn account_nonce(account: AccountId) -> Nonce {
			System::account_nonce(account)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentApi<Block, Balance> for Runtime {
		fn query_info(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment_rpc_runtime_api::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_info(uxt, len)
		}
		fn query_fee_details(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_fee_details(uxt, len)
		}
		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}
		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentCallApi<Block, Balance, RuntimeCall>
		for Runtime
	{
		fn query_call_info(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_call_info(call, len)
		}
		fn query_call_fee_details(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_call_fee_details(call, len)
		}
		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}
		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl pallet_manufacturers::runtime_api::ManufacturersApi<
		Block,
		AccountId,
		pallet_manufacturers::ManufacturerInfo<Runtime>,
	> for Runtime {
		fn manufacturer(id: ManufacturerId) -> Option<pallet_manufacturers::ManufacturerInfo<Runtime>> {
			pallet_manufacturers::ManufacturerInfoOf::<Runtime>::get(id)
		}

		fn manufacturer_of(account: AccountId) -> Option<ManufacturerId> {
			pallet_manufacturers::ManufacturerIdOf::<Runtime>::get(account)
		}
	}

	impl pallet_dag_accounts::runtime_api::DagAccountsApi<Block, AccountId, Balance> for Runtime {
		fn sender(account: AccountId) -> Option<pallet_dag_accounts::SenderState<Balance>> {
			DagAccounts::sender(&account)
		}

		fn next_seq(account: AccountId) -> u64 {
			DagAccounts::next_seq(&account)
		}

		fn held_through(account: AccountId, until: u32) -> Balance {
			DagAccounts::held_through(&account, until)
		}
	}

	impl pallet_dag_anchor::runtime_api::DagAnchorApi<Block, BlockNumber> for Runtime {
		fn status() -> pallet_dag_anchor::AnchorStatus<BlockNumber> {
			DagAnchor::status()
		}

		fn anchor(epoch: itc_primitives::anchor::EpochIndex) -> Option<pallet_dag_anchor::Anchor<BlockNumber>> {
			pallet_dag_anchor::Anchors::<Runtime>::get(epoch)
		}

		fn verify_inclusion(
			epoch: itc_primitives::anchor::EpochIndex,
			id: itc_primitives::anchor::Hash32,
			effect: itc_primitives::anchor::Effect,
			proof: itc_primitives::anchor::MerkleProof,
		) -> bool {
			DagAnchor::verify_inclusion(epoch, id, effect, proof)
		}
	}

	impl pallet_contracts::ContractsApi<Block, AccountId, Balance, BlockNumber, Hash, EventRecord>
		for Runtime
	{
		fn call(
			origin: AccountId,
			dest: AccountId,
			value: Balance,
			gas_limit: Option<Weight>,
			storage_deposit_limit: Option<Balance>,
			input_data: Vec<u8>,
		) -> pallet_contracts::ContractExecResult<Balance, EventRecord> {
			let gas_limit = gas_limit.unwrap_or(RuntimeBlockWeights::get().max_block);
			Contracts::bare_call(
				origin,
				dest,
				value,
				gas_limit,
				storage_deposit_limit,
				input_data,
				pallet_contracts::DebugInfo::UnsafeDebug,
				pallet_contracts::CollectEvents::UnsafeCollect,
				pallet_contracts::Determinism::Enforced,
			)
		}

		fn instantiate(
			origin: AccountId,
			value: Balance,
			gas_limit: Option<Weight>,
			storage_deposit_limit: Option<Balance>,
			code: pallet_contracts::Code<Hash>,
			data: Vec<u8>,
			salt: Vec<u8>,
		) -> pallet_contracts::ContractInstantiateResult<AccountId, Balance, EventRecord> {
			let gas_limit = gas_limit.unwrap_or(RuntimeBlockWeights::get().max_block);
			Contracts::bare_instantiate(
				origin,
				value,
				gas_limit,
				storage_deposit_limit,
				code,
				data,
				salt,
				pallet_contracts::DebugInfo::UnsafeDebug,
				pallet_contracts::CollectEvents::UnsafeCollect,
			)
		}

		fn upload_code(
			origin: AccountId,
			code: Vec<u8>,
			storage_deposit_limit: Option<Balance>,
			determinism: pallet_contracts::Determinism,
		) -> pallet_contracts::CodeUploadResult<Hash, Balance> {
			Contracts::bare_upload_code(origin, code, storage_deposit_limit, determinism)
		}

		fn get_storage(address: AccountId, key: Vec<u8>) -> pallet_contracts::GetStorageResult {
			Contracts::get_storage(address, key)
		}
	}

	impl pallet_edge_mining::runtime_api::EdgeMiningApi<Block, Balance> for Runtime {
		fn emission_status() -> pallet_edge_mining::EmissionStatus<Balance> {
			EdgeMining::emission_status()
		}

		fn era_status(era: itc_primitives::mining::EraIndex) -> pallet_edge_mining::EraStatus<Balance> {
			EdgeMining::era_status(era)
		}

		fn estimated_reward(
			device: itc_primitives::device::DeviceCode,
			era: itc_primitives::mining::EraIndex,
		) -> Option<pallet_edge_mining::RewardEstimate<Balance>> {
			EdgeMining::estimated_reward(device, era)
		}
	}

	impl pallet_data_market::runtime_api::DataMarketApi<
		Block,
		pallet_data_market::Listing<Runtime>,
		pallet_data_market::Bounty<Runtime>,
	> for Runtime {
		fn open_listings(
			start_after: Option<pallet_data_market::ListingId>,
			limit: u32,
		) -> pallet_data_market::Page<pallet_data_market::ListingId, pallet_data_market::Listing<Runtime>> {
			DataMarket::open_listings(start_after, limit)
		}

		fn open_bounties(
			start_after: Option<pallet_data_market::BountyId>,
			limit: u32,
		) -> pallet_data_market::Page<pallet_data_market::BountyId, pallet_data_market::Bounty<Runtime>> {
			DataMarket::open_bounties(start_after, limit)
		}
	}

	impl pallet_devices::runtime_api::DevicesApi<
		Block,
		AccountId,
		pallet_devices::DeviceView<Runtime>,
	> for Runtime {
		fn device(code: DeviceCode) -> Option<pallet_devices::DeviceView<Runtime>> {
			Devices::device_view(code)
		}

		fn device_by_human_code(human: Vec<u8>) -> Option<pallet_devices::DeviceView<Runtime>> {
			Devices::device_by_human_code(human)
		}

		fn devices_of_owner(
			owner: AccountId,
			after: Option<DeviceCode>,
			limit: u32,
		) -> Vec<pallet_devices::DeviceView<Runtime>> {
			Devices::devices_of_owner(owner, after, limit)
		}

		fn devices_of_manufacturer(
			manufacturer: ManufacturerId,
			after: Option<DeviceCode>,
			limit: u32,
		) -> Vec<pallet_devices::DeviceView<Runtime>> {
			Devices::devices_of_manufacturer(manufacturer, after, limit)
		}

		fn claim_message(code: DeviceCode, owner: AccountId) -> Option<pallet_devices::MessageToSign> {
			Devices::claim_message(code, owner)
		}

		fn firmware_message(code: DeviceCode, version: Vec<u8>) -> Option<pallet_devices::MessageToSign> {
			Devices::firmware_message(code, version)
		}
	}

	impl sp_genesis_builder::GenesisBuilder<Block> for Runtime {
		fn build_state(config: Vec<u8>) -> sp_genesis_builder::Result {
			build_state::<RuntimeGenesisConfig>(config)
		}

		fn get_preset(id: &Option<sp_genesis_builder::PresetId>) -> Option<Vec<u8>> {
			get_preset::<RuntimeGenesisConfig>(id, genesis_config_presets::get_preset)
		}

		fn preset_names() -> Vec<sp_genesis_builder::PresetId> {
			genesis_config_presets::preset_names()
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	impl frame_benchmarking::Benchmark<Block> for Runtime {
		fn benchmark_metadata(extra: bool) -> (
			Vec<frame_benchmarking::BenchmarkList>,
			Vec<frame_support::traits::StorageInfo>,
		) {
			use frame_benchmarking::BenchmarkList;
			use frame_support::traits::StorageInfoTrait;
			use frame_system_benchmarking::Pallet as SystemBench;
			use itc_chain_extension::Pallet as ChainExtensionBench;
			use crate::*;

			let mut list = Vec::<BenchmarkList>::new();
			list_benchmarks!(list, extra);
			(list, AllPalletsWithSystem::storage_info())
		}

		fn dispatch_benchmark(
			config: frame_benchmarking::BenchmarkConfig,
		) -> Result<Vec<frame_benchmarking::BenchmarkBatch>, alloc::string::String> {
			use frame_benchmarking::BenchmarkBatch;
			use frame_support::traits::WhitelistedStorageKeys;
			use frame_system_benchmarking::Pallet as SystemBench;
			use itc_chain_extension::Pallet as ChainExtensionBench;
			use sp_storage::TrackedStorageKey;
			use crate::*;


			let whitelist: Vec<TrackedStorageKey> = AllPalletsWithSystem::whitelisted_storage_keys();
			let mut batches = Vec::<BenchmarkBatch>::new();
			let params = (&config, &whitelist);
			add_benchmarks!(params, batches);
			Ok(batches)
		}
	}

	#[cfg(feature = "try-runtime")]
	impl frame_try_runtime::TryRuntime<Block> for Runtime {
		fn on_runtime_upgrade(checks: frame_try_runtime::UpgradeCheckSelect) -> (Weight, Weight) {
			// Unwrap on purpose: a failed migration check must stop try-runtime with a backtrace.
			let weight = Executive::try_runtime_upgrade(checks).unwrap();
			(weight, crate::configs::RuntimeBlockWeights::get().max_block)
		}

		fn execute_block(
			block: <Block as BlockT>::LazyBlock,
			state_root_check: bool,
			signature_check: bool,
			select: frame_try_runtime::TryStateSelect,
		) -> Weight {
			Executive::try_execute_block(block, state_root_check, signature_check, select)
				.expect("execute-block failed")
		}
	}
}
