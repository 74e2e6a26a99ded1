//! Test runtime: System, Balances and edge mining, with devices from [`MockDevices`], a
//! settable clock, block author, anchor evidence, market fees and manufacturer stakes.

use crate::{self as pallet_edge_mining, *};
use frame_support::{
	assert_ok, derive_impl,
	dispatch::DispatchResultWithPostInfo,
	parameter_types,
	traits::{fungible::Mutate, tokens::Preservation, FindAuthor, Hooks, VariantCountOf},
	weights::Weight,
};
use itc_primitives::{
	device::{
		testing::MockDevices, DeviceCode, DeviceKey, DeviceSignature, ManufacturerId,
		ManufacturerStake, Stake,
	},
	mining::{report_payload, EraIndex, MarketEvidence, WorkEvidence, WorkReport},
	Moment, WallClock,
};
use sp_core::{ed25519, Pair};
use sp_runtime::{BuildStorage, ConsensusEngineId};
use std::{cell::RefCell, collections::BTreeMap};

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		EdgeMining: pallet_edge_mining,
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
	type ExistentialDeposit = frame_support::traits::ConstU64<ED>;
	type RuntimeHoldReason = RuntimeHoldReason;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
}

thread_local! {
	static NOW_MS: RefCell<Moment> = const { RefCell::new(0) };
	static AUTHOR: RefCell<Option<u64>> = const { RefCell::new(None) };
	static ANCHORED: RefCell<BTreeMap<(DeviceCode, EraIndex), u64>> =
		const { RefCell::new(BTreeMap::new()) };
	static FEES: RefCell<BTreeMap<(DeviceCode, EraIndex), u64>> =
		const { RefCell::new(BTreeMap::new()) };
	static STAKES: RefCell<BTreeMap<ManufacturerId, Stake<u64>>> =
		const { RefCell::new(BTreeMap::new()) };
}

/// Market fees the tests set.
pub struct MockMarket;
impl MarketEvidence<u64> for MockMarket {
	fn settled_fees(code: &DeviceCode, era: EraIndex) -> u64 {
		FEES.with(|f| f.borrow().get(&(*code, era)).copied().unwrap_or(0))
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_set_fees(code: &DeviceCode, era: EraIndex, fees: u64) {
		FEES.with(|f| f.borrow_mut().insert((*code, era), fees));
	}
}

/// Stakes the tests set; a deposit of [`DEFAULT_STAKE`] for one device for a manufacturer
/// they did not.
pub struct MockStake;
impl ManufacturerStake<u64> for MockStake {
	fn stake(id: ManufacturerId) -> Stake<u64> {
		STAKES.with(|s| {
			s.borrow().get(&id).copied().unwrap_or(Stake { deposit: DEFAULT_STAKE, devices: 1 })
		})
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_set_deposit(id: ManufacturerId, deposit: u64) {
		STAKES.with(|s| s.borrow_mut().insert(id, Stake { deposit, devices: 1 }));
	}
}

/// Wall-clock time the tests set.
pub struct MockClock;
impl WallClock for MockClock {
	fn elapsed_ms() -> Moment {
		NOW_MS.with(|n| *n.borrow())
	}
}

/// The block author the tests set.
pub struct MockAuthor;
impl FindAuthor<u64> for MockAuthor {
	fn find_author<'a, I>(_: I) -> Option<u64>
	where
		I: 'a + IntoIterator<Item = (ConsensusEngineId, &'a [u8])>,
	{
		AUTHOR.with(|a| *a.borrow())
	}
}

/// Anchored records the tests set.
pub struct MockEvidence;
impl WorkEvidence for MockEvidence {
	fn anchored_records(code: &DeviceCode, era: EraIndex) -> u64 {
		ANCHORED.with(|a| a.borrow().get(&(*code, era)).copied().unwrap_or(0))
	}
}

parameter_types! {
	pub const MiningPoolAccount: u64 = MINING_POOL;
	pub const NodePoolAccount: u64 = NODE_POOL;
	pub const BlockTime: Moment = BLOCK_MS;
	pub const MaxPayoutsPerBlock: u32 = MAX_PAYOUTS;
	pub const MaxClassWeight: u16 = 500;
	pub const MaxModelLength: u32 = 16;
	pub const StakePerClaimPoint: u64 = 1;
	pub const MarketShare: sp_runtime::Perbill = sp_runtime::Perbill::from_percent(50);
	pub const FeeRebate: sp_runtime::Perbill = sp_runtime::Perbill::from_percent(75);
}

impl pallet_edge_mining::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Devices = MockDevices;
	type Evidence = MockEvidence;
	type Market = MockMarket;
	type Stake = MockStake;
	type Clock = MockClock;
	type FindAuthor = MockAuthor;
	type MiningPool = MiningPoolAccount;
	type NodeIncentivePool = NodePoolAccount;
	type GovernanceOrigin = frame_system::EnsureRoot<u64>;
	type BlockTime = BlockTime;
	type MaxPayoutsPerBlock = MaxPayoutsPerBlock;
	type MaxClassWeight = MaxClassWeight;
	type MaxModelLength = MaxModelLength;
	type StakePerClaimPoint = StakePerClaimPoint;
	type MarketShare = MarketShare;
	type FeeRebate = FeeRebate;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBenchmarkHelper;
}

/// Moves the mock clock and names [`VALIDATOR`] the author.
#[cfg(feature = "runtime-benchmarks")]
pub struct MockBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64> for MockBenchmarkHelper {
	fn set_elapsed_ms(ms: Moment) {
		set_time(ms);
	}
	fn set_block_author() -> u64 {
		set_author(Some(VALIDATOR));
		VALIDATOR
	}
}

/// Existential deposit.
pub const ED: u64 = 10;
/// The mining-pool account.
pub const MINING_POOL: u64 = 90;
/// The node-incentive pool account.
pub const NODE_POOL: u64 = 91;
/// What the mining pool holds at genesis (its account has `ED` more).
pub const MINING_AMOUNT: u64 = 7_305_000_000_000;
/// What the node-incentive pool holds at genesis.
pub const NODE_AMOUNT: u64 = 2_922_000_000_000;
/// Milliseconds per era.
pub const ERA_MS: Moment = 60_000;
/// Milliseconds per block: 10 slots per era.
pub const BLOCK_MS: Moment = 6_000;
/// Payouts per block: with 10 slots an era takes 20 reports.
pub const MAX_PAYOUTS: u32 = 4;
/// The owner of the test devices.
pub const OWNER: u64 = 1;
/// A gateway that submits reports for devices.
pub const GATEWAY: u64 = 2;
/// A validator, the author of blocks when the tests say so.
pub const VALIDATOR: u64 = 50;
/// Someone who sends money to a pool account.
pub const DONOR: u64 = 3;
/// Starting balance of the users.
pub const START: u64 = 1_000_000;
/// The deposit of a manufacturer the tests did not set, for one device: enough for any claims
/// an era of the mock takes.
pub const DEFAULT_STAKE: u64 = 1_000_000;

/// A test device: its code, its key pair and its account.
pub struct TestDevice {
	/// Its code.
	pub code: DeviceCode,
	/// Its key.
	pub pair: ed25519::Pair,
	/// Its own account.
	pub account: u64,
}

/// Adds active device `seed` (manufacturer 1, model `model`) owned by [`OWNER`].
pub fn device_of_model(seed: u8, model: &[u8]) -> TestDevice {
	let pair = ed25519::Pair::from_seed(&[seed; 32]);
	let account = 1_000 + u64::from(seed);
	let code =
		MockDevices::add_model(DeviceKey::Ed25519(pair.public()), &account, &OWNER, 1, model);
	TestDevice { code, pair, account }
}

/// Adds active device `seed` of the default model.
pub fn device(seed: u8) -> TestDevice {
	device_of_model(seed, b"mock")
}

/// Adds active device `seed` of manufacturer `manufacturer`, owned by [`OWNER`].
pub fn device_of_manufacturer(seed: u8, manufacturer: ManufacturerId) -> TestDevice {
	let pair = ed25519::Pair::from_seed(&[seed; 32]);
	let account = 1_000 + u64::from(seed);
	let key = DeviceKey::Ed25519(pair.public());
	let code = MockDevices::add(key, &account, &OWNER, manufacturer);
	TestDevice { code, pair, account }
}

/// Sets manufacturer `id`'s deposit and the devices it has registered.
pub fn set_stake(id: ManufacturerId, deposit: u64, devices: u32) {
	STAKES.with(|s| s.borrow_mut().insert(id, Stake { deposit, devices }));
}

/// Records `fees` of settled sales for `device` in `era`.
pub fn set_fees(device: &TestDevice, era: EraIndex, fees: u64) {
	FEES.with(|f| f.borrow_mut().insert((device.code, era), fees));
}

/// A report on `era`.
pub fn report(era: EraIndex, uptime_ppm: u32, records: u64) -> WorkReport {
	WorkReport { era, uptime_ppm, records, coverage_cell: Some(0x08a2_a107_2b59_ffff) }
}

/// `device`'s signature of `report` on this chain.
pub fn sign(device: &TestDevice, report: &WorkReport) -> DeviceSignature {
	let genesis = System::block_hash(0);
	DeviceSignature::Ed25519(device.pair.sign(&report_payload(&genesis, &device.code, report)))
}

/// [`GATEWAY`] submits `device`'s signed `report`.
pub fn submit(device: &TestDevice, report: WorkReport) -> DispatchResultWithPostInfo {
	EdgeMining::submit_report(
		RuntimeOrigin::signed(GATEWAY),
		device.code,
		report,
		sign(device, &report),
	)
}

/// Submits a full-uptime report on the last era for each device; asserts it is accepted.
pub fn report_all(devices: &[&TestDevice]) {
	let era = EdgeMining::current_era() - 1;
	for device in devices {
		assert_ok!(submit(device, report(era, 1_000_000, 0)));
	}
}

/// Sets the wall clock to `ms` since the genesis moment.
pub fn set_time(ms: Moment) {
	NOW_MS.with(|n| *n.borrow_mut() = ms);
}

/// Sets the wall clock to the start of era `era`.
pub fn set_era(era: EraIndex) {
	set_time(Moment::from(era) * ERA_MS);
}

/// Sets the block author.
pub fn set_author(author: Option<u64>) {
	AUTHOR.with(|a| *a.borrow_mut() = author);
}

/// Records `count` anchored records for `device` in `era`.
pub fn set_anchored(device: &TestDevice, era: EraIndex, count: u64) {
	ANCHORED.with(|a| a.borrow_mut().insert((device.code, era), count));
}

/// Runs the next block's `on_initialize`; returns its weight.
pub fn next_block() -> Weight {
	let next = System::block_number() + 1;
	System::set_block_number(next);
	EdgeMining::on_initialize(next)
}

/// Runs blocks until the payout sweep has nothing left to do.
pub fn pay_all() {
	for _ in 0..1_000 {
		next_block();
		let (era, index) = PayoutCursor::<Test>::get();
		if era + 2 > EdgeMining::current_era() && index == 0 {
			return;
		}
	}
	panic!("the payout sweep did not finish");
}

/// `who`'s free balance.
pub fn free(who: u64) -> u64 {
	Balances::free_balance(who)
}

/// What the mining pool still holds.
pub fn mining_held() -> u64 {
	use frame_support::traits::fungible::InspectHold;
	Balances::balance_on_hold(&HoldReason::MiningPool.into(), &MINING_POOL)
}

/// The events of this pallet so far.
pub fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::EdgeMining(e) => Some(e),
			_ => None,
		})
		.collect()
}

/// `who` sends `amount` to `to`.
pub fn transfer(who: u64, to: u64, amount: u64) {
	assert_ok!(<Balances as Mutate<u64>>::transfer(&who, &to, amount, Preservation::Expendable));
}

/// The test chain's storage after genesis.
pub fn build_ext() -> sp_io::TestExternalities {
	MockDevices::clear();
	ANCHORED.with(|a| a.borrow_mut().clear());
	FEES.with(|f| f.borrow_mut().clear());
	STAKES.with(|s| s.borrow_mut().clear());
	set_time(0);
	set_author(None);
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![
			(OWNER, START),
			(GATEWAY, START),
			(DONOR, START),
			(MINING_POOL, MINING_AMOUNT + ED),
			(NODE_POOL, NODE_AMOUNT + ED),
		],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_edge_mining::GenesisConfig::<Test> { era_length_ms: ERA_MS, ..Default::default() }
		.assimilate_storage(&mut storage)
		.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.register_extension(sp_keystore::KeystoreExt::new(
		sp_keystore::testing::MemoryKeystore::new(),
	));
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test` on the chain, then checks the pallet's invariants and that no balance was
/// minted or burned.
pub fn new_test_ext(test: impl FnOnce()) {
	build_ext().execute_with(|| {
		let issuance = Balances::total_issuance();
		test();
		EdgeMining::do_try_state().expect("invariants hold");
		assert_eq!(Balances::total_issuance(), issuance, "nothing minted or burned");
	});
}
