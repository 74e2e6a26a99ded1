//! Test runtime: System, Balances and the micro-accounts, with devices from [`MockDevices`].

use crate::{self as pallet_dag_accounts, *};
use frame_support::{assert_ok, derive_impl, parameter_types};
use itc_primitives::device::{testing::MockDevices, DeviceCode, DeviceKey};
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		DagAccounts: pallet_dag_accounts,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
	type ExistentialDeposit = frame_support::traits::ConstU64<1>;
	type RuntimeHoldReason = RuntimeHoldReason;
	type FreezeIdentifier = [u8; 8];
	type MaxFreezes = frame_support::traits::ConstU32<1>;
}

parameter_types! {
	pub const UnlockDelay: u64 = DELAY;
	pub const MinLock: u64 = 10;
	pub const MaxUnlocking: u32 = 2;
	pub const DagPot: frame_support::PalletId = frame_support::PalletId(*b"itc/dagp");
}

impl pallet_dag_accounts::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Devices = MockDevices;
	type PalletId = DagPot;
	type UnlockDelay = UnlockDelay;
	type MinLock = MinLock;
	type MaxUnlocking = MaxUnlocking;
	type WeightInfo = ();
}

/// The device's owner, who funds it.
pub const OWNER: u64 = 1;
/// The device's own account.
pub const DEVICE: u64 = 100;
/// An account that is no device's.
pub const OTHER: u64 = 2;
/// The account of a second device, which has no balance.
pub const EMPTY_DEVICE: u64 = 101;
/// Blocks between unlock and withdrawal.
pub const DELAY: u64 = 20;
/// Starting balance of every account.
pub const START: u64 = 1_000;

/// The test device, active, with account [`DEVICE`].
pub fn device() -> DeviceCode {
	let key = DeviceKey::Ed25519(sp_core::ed25519::Public::from_raw([1; 32]));
	MockDevices::add(key, &DEVICE, &OWNER, 0)
}

/// A second device, whose account does not exist yet.
pub fn empty_device() -> DeviceCode {
	let key = DeviceKey::Ed25519(sp_core::ed25519::Public::from_raw([2; 32]));
	MockDevices::add(key, &EMPTY_DEVICE, &OWNER, 0)
}

/// What `who`'s micro-account has locked and is unlocking.
pub fn held(who: u64) -> u64 {
	Accounts::<Test>::get(who)
		.map_or(0, |a| a.unlocking.iter().fold(a.locked, |sum, u| sum + u.amount))
}

/// What the pot holds, and what `who` holds itself, for DAG spending.
pub fn on_hold(who: u64) -> u64 {
	use frame_support::traits::fungible::InspectHold;
	Balances::balance_on_hold(&HoldReason::DagSpending.into(), &who)
}

/// Freezes `amount` of `who`'s balance, as token-vesting does.
pub fn freeze(who: u64, amount: u64) {
	use frame_support::traits::fungible::MutateFreeze;
	assert_ok!(<Balances as MutateFreeze<u64>>::set_freeze(b"vesting_", &who, amount));
}

/// `who`'s free balance.
pub fn free(who: u64) -> u64 {
	Balances::free_balance(who)
}

/// The pallet's events so far.
pub fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::DagAccounts(e) => Some(e),
			_ => None,
		})
		.collect()
}

/// Runs `test` from block 1 with the device registered, then checks the invariants and that
/// nothing was minted or burned.
pub fn new_test_ext(test: impl FnOnce()) {
	MockDevices::clear();
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		// The pot starts with its existential deposit, as if a first payer had given it.
		balances: vec![(OWNER, START), (DEVICE, START), (OTHER, START), (DagAccounts::pot(), 1)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	sp_io::TestExternalities::new(storage).execute_with(|| {
		System::set_block_number(1);
		device();
		let issuance = Balances::total_issuance();
		test();
		DagAccounts::do_try_state().expect("invariants hold");
		assert_eq!(Balances::total_issuance(), issuance);
	});
}

/// The chain for the benchmarks as tests: no devices, empty accounts.
#[cfg(feature = "runtime-benchmarks")]
pub fn bench_ext() -> sp_io::TestExternalities {
	MockDevices::clear();
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}
