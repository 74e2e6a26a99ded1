//! `pallet_dag_accounts`: ITC locked on chain for devices' DAG micro-transfers.

use crate::{accounts, Balance, BlockNumber, Devices, Runtime, RuntimeHoldReason};
use frame_support::parameter_types;
use itc_primitives::{time::HOURS, token::MILLI_ITC};

parameter_types! {
	/// The pot that holds every micro-account's funds.
	pub const DagPot: frame_support::PalletId = accounts::DAG_POT_ID;
	/// An hour between an unlock request and the withdrawal: every DAG transfer made against
	/// the funds is anchored and settled well within it.
	pub const UnlockDelay: BlockNumber = HOURS;
	/// 0.01 ITC: DAG transfers are micro-payments, but a lock is a chain transaction.
	pub const MinLock: Balance = 10 * MILLI_ITC;
	/// Unlock requests waiting per device account.
	pub const MaxUnlocking: u32 = 8;
}

impl pallet_dag_accounts::Config for Runtime {
	type Currency = crate::Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Devices = Devices;
	type PalletId = DagPot;
	type UnlockDelay = UnlockDelay;
	type MinLock = MinLock;
	type MaxUnlocking = MaxUnlocking;
	type WeightInfo = pallet_dag_accounts::weights::SubstrateWeight<Runtime>;
}
