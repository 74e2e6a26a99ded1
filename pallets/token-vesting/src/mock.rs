//! Test runtime: System, Balances and the vesting pallet on a clock the tests move.

use crate as pallet_token_vesting;
use core::cell::Cell;
use frame_support::{derive_impl, parameter_types, traits::VariantCountOf};
use frame_system::EnsureRoot;
use itc_primitives::{Moment, WallClock};
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Vesting: pallet_token_vesting,
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
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
}

thread_local! {
	static ELAPSED: Cell<Moment> = const { Cell::new(0) };
}

/// A wall clock the tests set by hand.
pub struct TestClock;
impl TestClock {
	/// Set the elapsed time since genesis.
	pub fn set(ms: Moment) {
		ELAPSED.with(|e| e.set(ms));
	}
}
impl WallClock for TestClock {
	fn elapsed_ms() -> Moment {
		ELAPSED.with(|e| e.get())
	}
}

parameter_types! {
	pub const MinMilestoneAmount: u64 = 10;
	pub const MaxMilestones: u32 = 4;
	pub const MaxSignedMilestones: u32 = 3;
	pub const MaxVestingHorizon: Moment = 1_000;
}

impl pallet_token_vesting::Config for Test {
	type Currency = Balances;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type Clock = TestClock;
	type ForceOrigin = EnsureRoot<u64>;
	type MinMilestoneAmount = MinMilestoneAmount;
	type MaxMilestones = MaxMilestones;
	type MaxSignedMilestones = MaxSignedMilestones;
	type MaxVestingHorizon = MaxVestingHorizon;
	type WeightInfo = ();
}

/// Alice: funded, no schedule.
pub const ALICE: u64 = 1;
/// Bob: funded, no schedule.
pub const BOB: u64 = 2;
/// Team: 1,000 on a genesis schedule of 330 at 100 ms, 330 at 200 ms, 340 at 300 ms.
pub const TEAM: u64 = 3;
/// Charlie: holds nothing.
pub const CHARLIE: u64 = 4;

/// The test chain's storage after genesis.
pub fn build_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(ALICE, 10_000), (BOB, 10_000), (TEAM, 1_000)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_token_vesting::GenesisConfig::<Test> {
		schedules: vec![(TEAM, vec![(200, 330), (100, 330), (300, 340)])],
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	sp_io::TestExternalities::new(storage)
}

/// Runs `test` on a chain at block 1 with clock 0, then checks the pallet's invariants.
pub fn new_test_ext(test: impl FnOnce()) {
	build_ext().execute_with(|| {
		TestClock::set(0);
		System::set_block_number(1);
		test();
		Vesting::do_try_state().expect("invariants hold after the test");
	});
}
