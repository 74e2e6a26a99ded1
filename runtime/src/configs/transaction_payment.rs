//! `pallet_transaction_payment`: fees by weight and length, paid to the node-incentives pool,
//! whose next block author receives them.

use crate::{configs::ToNodeIncentives, Balance, Balances, Runtime, RuntimeEvent, MICRO_ITC};
use frame_support::{
	parameter_types,
	weights::{ConstantMultiplier, IdentityFee},
};
use pallet_transaction_payment::{ConstFeeMultiplier, FungibleAdapter, Multiplier};
use sp_runtime::traits::One;

parameter_types! {
	/// 0.001 ITC per kilobyte of extrinsic.
	pub const TransactionByteFee: Balance = MICRO_ITC;
	/// Fees do not rise with congestion: devices need predictable prices. Block weight and
	/// length limits, not fees, bound the load.
	pub FeeMultiplier: Multiplier = Multiplier::one();
}

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type OnChargeTransaction = FungibleAdapter<Balances, ToNodeIncentives>;
	type OperationalFeeMultiplier = frame_support::traits::ConstU8<5>;
	/// One planck per picosecond of weight: a balance transfer costs about 0.0002 ITC.
	type WeightToFee = IdentityFee<Balance>;
	type LengthToFee = ConstantMultiplier<Balance, TransactionByteFee>;
	type FeeMultiplierUpdate = ConstFeeMultiplier<FeeMultiplier>;
	type WeightInfo = pallet_transaction_payment::weights::SubstrateWeight<Runtime>;
}
