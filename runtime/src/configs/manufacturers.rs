//! `pallet_manufacturers`: who may put devices on the chain.

use crate::{Balance, Balances, Runtime, RuntimeHoldReason, ITC};
use frame_support::parameter_types;
use frame_system::EnsureRoot;

parameter_types! {
	/// 1,000 ITC: enough that applications are considered, and returned on retirement.
	pub const ApplicationDeposit: Balance = 1_000 * ITC;
	/// Company names fit in 64 bytes.
	pub const MaxNameLength: u32 = 64;
	/// A URL or a CIDv1 in base32 (59 bytes) fits in 128.
	pub const MaxUriLength: u32 = 128;
}

impl pallet_manufacturers::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	// Sudo on development chains; on the public testnet sudo is the council's 2-of-3 multisig.
	type GovernanceOrigin = EnsureRoot<crate::AccountId>;
	type ApplicationDeposit = ApplicationDeposit;
	type MaxNameLength = MaxNameLength;
	type MaxUriLength = MaxUriLength;
	type WeightInfo = pallet_manufacturers::weights::SubstrateWeight<Runtime>;
}
