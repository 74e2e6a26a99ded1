//! # IoT Chain runtime
//!
//! Aura blocks every 3 s with GRANDPA finality, the ITC token with a fixed supply of
//! 800,000,000 ITC split at genesis by the IONChain token model, milestone vesting on
//! wall-clock time (`Vesting`), the manufacturer registry and device identity ("one device,
//! one coin, one code": `Manufacturers`, `Devices`), the data market (`DataMarket`), edge
//! mining (`EdgeMining`), DAG micro-accounts and the DAG anchor bridge (`DagAccounts`,
//! `DagAnchor`), ink! contracts with the IoT chain extension (`Contracts`), the standard
//! `Utility`, `Multisig` and `Sudo`, and the runtime APIs that Polkadot.js decorates from
//! metadata. docs/SECURITY.md says who can call what.

#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime!` does a lot of recursion and requires us to increase the limit.
#![recursion_limit = "256"]
// `#[frame_support::runtime]` and `impl_runtime_apis!` generate items without docs.
#![allow(missing_docs)]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

use alloc::vec::Vec;

pub mod accounts;
#[cfg(feature = "runtime-benchmarks")]
#[macro_use]
mod benchmarks;
pub mod apis;
pub mod configs;
pub mod genesis_config_presets;

#[cfg(test)]
mod tests;

use sp_runtime::{generic, impl_opaque_keys, traits::BlakeTwo256};
use sp_version::RuntimeVersion;

pub use frame_support::weights::Weight;
pub use itc_primitives::{
	time::{DAYS, HOURS, MILLISECS_PER_BLOCK, MINUTES, SLOT_DURATION},
	token::{ITC, MICRO_ITC, MILLI_ITC, TOTAL_SUPPLY},
	AccountId, Balance, BlockNumber, Moment, Nonce, Signature,
};
pub use pallet_balances::Call as BalancesCall;
pub use pallet_timestamp::Call as TimestampCall;
#[cfg(any(feature = "std", test))]
pub use sp_runtime::BuildStorage;

/// Opaque types: what the node knows of the runtime's types without knowing its calls.
pub mod opaque {
	use super::*;
	use sp_runtime::{generic, traits::Hash as HashT, OpaqueExtrinsic};

	/// Opaque block header type.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block type.
	pub type Block = generic::Block<Header, OpaqueExtrinsic>;
	/// Opaque block identifier type.
	pub type BlockId = generic::BlockId<Block>;
	/// Opaque block hash type.
	pub type Hash = <BlakeTwo256 as HashT>::Output;
}

impl_opaque_keys! {
	/// The session keys of a validator: Aura (sr25519) and GRANDPA (ed25519).
	pub struct SessionKeys {
		/// Block production key.
		pub aura: Aura,
		/// Finality key.
		pub grandpa: Grandpa,
	}
}

/// The runtime version. Bump `spec_version` with every runtime change that goes on chain.
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("itc"),
	impl_name: alloc::borrow::Cow::Borrowed("itc-node"),
	authoring_version: 1,
	spec_version: 112,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 2,
	system_version: 1,
};

/// The block header.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// The block.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;
/// The address format for describing accounts.
pub type Address = sp_runtime::MultiAddress<AccountId, ()>;
/// A block hash.
pub type Hash = sp_core::H256;

/// The transaction extensions, in the order Polkadot.js and every standard client expect;
/// none carries custom data, so clients sign with no type definitions.
pub type TxExtension = (
	frame_system::AuthorizeCall<Runtime>,
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
	frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);

/// An extrinsic as it arrives from outside.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
/// The payload a signer signs.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

frame_support::parameter_types! {
	/// Who gives a pot created by a migration its existential deposit: the community fund.
	pub PotDepositPayer: AccountId = accounts::community_fund();
}

/// Storage migrations to run on the next runtime upgrade: money committed to the data market,
/// to DAG micro-accounts and as manufacturer deposits moves from holds on the payers' accounts
/// to each pallet's pot (docs/SECURITY.md, "Committed money").
type Migrations = (
	pallet_data_market::migrations::v2::MoveHoldsToPot<Runtime>,
	pallet_dag_accounts::migrations::v2::MoveHoldsToPot<Runtime, PotDepositPayer>,
	pallet_manufacturers::migrations::v2::DepositsToPot<Runtime>,
	pallet_edge_mining::migrations::v2::RecordMarketFees<Runtime>,
);

/// Executive: dispatches incoming extrinsics to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;
	#[runtime::pallet_index(2)]
	pub type ChainClock = pallet_chain_clock;
	#[runtime::pallet_index(3)]
	pub type Aura = pallet_aura;
	#[runtime::pallet_index(4)]
	pub type Grandpa = pallet_grandpa;
	#[runtime::pallet_index(10)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(11)]
	pub type TransactionPayment = pallet_transaction_payment;
	#[runtime::pallet_index(12)]
	pub type Vesting = pallet_token_vesting;
	#[runtime::pallet_index(20)]
	pub type Sudo = pallet_sudo;
	#[runtime::pallet_index(21)]
	pub type Utility = pallet_utility;
	#[runtime::pallet_index(22)]
	pub type Multisig = pallet_multisig;
	#[runtime::pallet_index(30)]
	pub type Manufacturers = pallet_manufacturers;
	#[runtime::pallet_index(31)]
	pub type Devices = pallet_devices;
	#[runtime::pallet_index(32)]
	pub type DataMarket = pallet_data_market;
	#[runtime::pallet_index(33)]
	pub type EdgeMining = pallet_edge_mining;
	#[runtime::pallet_index(34)]
	pub type DagAccounts = pallet_dag_accounts;
	#[runtime::pallet_index(35)]
	pub type DagAnchor = pallet_dag_anchor;
	#[runtime::pallet_index(40)]
	pub type Contracts = pallet_contracts;
}
