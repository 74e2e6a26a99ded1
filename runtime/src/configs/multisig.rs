//! `pallet_multisig`: "system contracts need multi-authorization" — the governance keys of
//! the public testnet are a multisig account.

use crate::{Balance, Balances, Runtime, RuntimeCall, RuntimeEvent, MILLI_ITC};
use frame_support::{parameter_types, traits::ConstU32};

parameter_types! {
	/// Held for a pending multisig operation: 88 bytes of storage at 1 milli-ITC per byte
	/// plus a base.
	pub const DepositBase: Balance = 10 * MILLI_ITC + 88 * MILLI_ITC;
	/// Held per signatory: 32 bytes.
	pub const DepositFactor: Balance = 32 * MILLI_ITC;
}

impl pallet_multisig::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type Currency = Balances;
	type DepositBase = DepositBase;
	type DepositFactor = DepositFactor;
	type MaxSignatories = ConstU32<32>;
	type WeightInfo = pallet_multisig::weights::SubstrateWeight<Runtime>;
	type BlockNumberProvider = frame_system::Pallet<Runtime>;
}
