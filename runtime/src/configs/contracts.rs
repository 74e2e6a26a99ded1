//! `pallet_contracts`: ink! 5 smart contracts, which see devices, manufacturers and the data
//! market through IoT Chain's chain extension (`itc_chain_extension`, docs/CONTRACTS.md).

use crate::{
	Balance, Balances, BlockNumber, DataMarket, Devices, Hash, Manufacturers, Runtime, RuntimeCall,
	RuntimeEvent, RuntimeHoldReason, System, Timestamp, TransactionPayment, MILLI_ITC,
};
use frame_support::{
	parameter_types,
	traits::{ConstBool, ConstU32, Nothing, Randomness},
};
use frame_system::EnsureSigned;
use sp_runtime::{
	traits::{BlakeTwo256, Hash as _},
	Perbill,
};

/// The storage deposit of `items` storage items of `bytes` bytes in all: 0.01 ITC per item
/// and 0.1 milli-ITC per byte (a 30 kB contract code holds 3 ITC while it is stored).
const fn deposit(items: u32, bytes: u32) -> Balance {
	items as Balance * 10 * MILLI_ITC + bytes as Balance * MILLI_ITC / 10
}

parameter_types! {
	pub const DepositPerItem: Balance = deposit(1, 0);
	pub const DepositPerByte: Balance = deposit(0, 1);
	/// What a call may spend on storage deposits when the caller names no limit.
	pub const DefaultDepositLimit: Balance = deposit(1024, 1024 * 1024);
	/// Instantiating from someone else's code locks 30 % of that code's deposit, so that
	/// the code cannot be removed under the contract.
	pub const CodeHashLockupDepositPercent: Perbill = Perbill::from_percent(30);
	pub const MaxDelegateDependencies: u32 = 32;
	/// The default limits: 16 pages of 64 KiB per contract, 4 event topics, 16 KiB values,
	/// 128 MiB for a call stack of 6 contracts.
	pub Schedule: pallet_contracts::Schedule<Runtime> = Default::default();
	/// The longest message `verify_device_signature` checks.
	pub const MaxDeviceMessageLen: u32 = 1024;
}

/// The randomness pallet-contracts asks for: `BLAKE2b-256(subject ‖ parent hash)`, known to
/// the block author in advance. pallet-contracts 51 refuses to upload code that imports its
/// random host function, so no contract can reach it; contracts that need randomness must
/// use a commit-reveal scheme of their own.
pub struct ParentHashRandomness;
impl Randomness<Hash, BlockNumber> for ParentHashRandomness {
	fn random(subject: &[u8]) -> (Hash, BlockNumber) {
		let parent = System::parent_hash();
		(BlakeTwo256::hash_of(&(subject, parent)), System::block_number().saturating_sub(1))
	}
}

impl pallet_contracts::Config for Runtime {
	type Time = Timestamp;
	type Randomness = ParentHashRandomness;
	type Currency = Balances;
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type RuntimeHoldReason = RuntimeHoldReason;
	/// Contracts cannot dispatch runtime calls: devices, the market and balances change only
	/// through signed extrinsics of their own origins.
	type CallFilter = Nothing;
	type WeightPrice = TransactionPayment;
	type WeightInfo = pallet_contracts::weights::SubstrateWeight<Self>;
	type ChainExtension = itc_chain_extension::Extension<Self>;
	type Schedule = Schedule;
	/// Five nested calls below the first (the integrity test checks that 6 frames of
	/// `MaxCodeLen` code fit the schedule's memory).
	type CallStack = [pallet_contracts::Frame<Self>; 5];
	type DepositPerByte = DepositPerByte;
	type DefaultDepositLimit = DefaultDepositLimit;
	type DepositPerItem = DepositPerItem;
	type CodeHashLockupDepositPercent = CodeHashLockupDepositPercent;
	type AddressGenerator = pallet_contracts::DefaultAddressGenerator;
	type MaxCodeLen = ConstU32<{ 123 * 1024 }>;
	type MaxStorageKeyLen = ConstU32<128>;
	type MaxTransientStorageSize = ConstU32<{ 1024 * 1024 }>;
	type MaxDelegateDependencies = MaxDelegateDependencies;
	type UnsafeUnstableInterface = ConstBool<false>;
	type UploadOrigin = EnsureSigned<Self::AccountId>;
	type InstantiateOrigin = EnsureSigned<Self::AccountId>;
	type MaxDebugBufferLen = ConstU32<{ 2 * 1024 * 1024 }>;
	type Migrations = ();
	type Debug = ();
	type Environment = ();
	type ApiVersion = ();
	type Xcm = ();
}

impl itc_chain_extension::Config for Runtime {
	type Devices = Devices;
	type Manufacturers = Manufacturers;
	type Balance = Balance;
	type Listings = DataMarket;
	type MaxMessageLen = MaxDeviceMessageLen;
	type WeightInfo = itc_chain_extension::weights::SubstrateWeight<Runtime>;
}
