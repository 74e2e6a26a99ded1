//! Test runtime: System, Balances and the manufacturer registry.

use crate as pallet_manufacturers;
use frame_support::{derive_impl, parameter_types};
use frame_system::EnsureRoot;
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Manufacturers: pallet_manufacturers,
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
	pub const RegistryPot: frame_support::PalletId = frame_support::PalletId(*b"itc/mfrs");
	pub const Fund: u64 = FUND;
	pub const ApplicationDeposit: u64 = 100;
	pub const MaxNameLength: u32 = 16;
	pub const MaxUriLength: u32 = 32;
}

impl pallet_manufacturers::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type GovernanceOrigin = EnsureRoot<u64>;
	type PalletId = RegistryPot;
	type SlashDestination = Fund;
	type ApplicationDeposit = ApplicationDeposit;
	type MaxNameLength = MaxNameLength;
	type MaxUriLength = MaxUriLength;
	type WeightInfo = ();
}

/// Acme: funded.
pub const ACME: u64 = 1;
/// Bolt: funded.
pub const BOLT: u64 = 2;
/// Poor: holds less than the deposit.
pub const POOR: u64 = 3;
/// The community fund: where slashes go.
pub const FUND: u64 = 99;

/// The test chain's storage after genesis.
pub fn build_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(ACME, 1_000), (BOLT, 1_000), (POOR, 50), (FUND, 1_000)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	sp_io::TestExternalities::new(storage)
}

/// Runs `test` on a chain at block 1, then checks the pallet's invariants.
pub fn new_test_ext(test: impl FnOnce()) {
	build_ext().execute_with(|| {
		System::set_block_number(1);
		test();
		Manufacturers::do_try_state().expect("invariants hold after the test");
	});
}
