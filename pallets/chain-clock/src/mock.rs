//! Test runtime: System, Timestamp and the chain clock.

use crate as pallet_chain_clock;
use frame_support::{derive_impl, traits::Hooks};
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Timestamp: pallet_timestamp,
		ChainClock: pallet_chain_clock,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type DbWeight = frame_support::weights::constants::ParityDbWeight;
}

#[derive_impl(pallet_timestamp::config_preludes::TestDefaultConfig)]
impl pallet_timestamp::Config for Test {
	type OnTimestampSet = ChainClock;
}

impl pallet_chain_clock::Config for Test {
	type Time = Timestamp;
}

/// Runs `test` on a fresh chain at block 1 with no timestamp yet, then checks the invariants.
pub fn new_test_ext(test: impl FnOnce()) {
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		test();
		ChainClock::do_try_state().expect("invariants hold after the test");
	});
}

/// Moves to block `n` carrying timestamp `now`, through the timestamp inherent.
pub fn go_to(n: u64, now: u64) {
	System::set_block_number(n);
	ChainClock::on_initialize(n);
	assert_eq!(Timestamp::set(frame_system::RawOrigin::None.into(), now), Ok(()));
	Timestamp::on_finalize(n);
}
