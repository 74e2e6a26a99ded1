//! `pallet_devices`: device identity, "one device, one coin, one code".

use crate::{Manufacturers, Runtime};
use frame_support::parameter_types;
use frame_system::EnsureRoot;

parameter_types! {
	/// Devices per registration call; docs/BENCHMARKS.md has what a block holds at the
	/// generated weights.
	pub const MaxBatch: u32 = 100;
	/// Model names fit in 32 bytes.
	pub const MaxModelLength: u32 = 32;
	/// Serial numbers (including IMEIs, MAC addresses, UUIDs) fit in 64 bytes.
	pub const MaxSerialLength: u32 = 64;
	/// Semantic versions with build metadata fit in 32 bytes.
	pub const MaxFirmwareLength: u32 = 32;
	/// Approved firmware versions per model.
	pub const MaxApprovedFirmware: u32 = 16;
}

impl pallet_devices::Config for Runtime {
	type Manufacturers = Manufacturers;
	type GovernanceOrigin = EnsureRoot<crate::AccountId>;
	type MaxBatch = MaxBatch;
	type MaxModelLength = MaxModelLength;
	type MaxSerialLength = MaxSerialLength;
	type MaxFirmwareLength = MaxFirmwareLength;
	type MaxApprovedFirmware = MaxApprovedFirmware;
	type WeightInfo = pallet_devices::weights::SubstrateWeight<Runtime>;
}
