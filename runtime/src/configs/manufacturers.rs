//! `pallet_manufacturers`: who may put devices on the chain.

use crate::{accounts, AccountId, Balance, Balances, Runtime, RuntimeHoldReason, ITC};
use frame_support::parameter_types;
use frame_system::EnsureRoot;

parameter_types! {
	/// 1,000 ITC: enough that applications are considered, and returned on retirement unless
	/// governance slashed it. It is the manufacturer's first stake for its devices' mining
	/// claims (docs/EDGE_MINING.md).
	pub const ApplicationDeposit: Balance = 1_000 * ITC;
	/// The pot every deposit is held on.
	pub const RegistryPot: frame_support::PalletId = accounts::REGISTRY_POT_ID;
	/// Slashed deposits go to the community fund.
	pub SlashDestination: AccountId = accounts::community_fund();
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
	type PalletId = RegistryPot;
	type SlashDestination = SlashDestination;
	type ApplicationDeposit = ApplicationDeposit;
	type MaxNameLength = MaxNameLength;
	type MaxUriLength = MaxUriLength;
	type WeightInfo = pallet_manufacturers::weights::SubstrateWeight<Runtime>;
}
