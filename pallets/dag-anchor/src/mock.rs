//! Test runtime: System and the anchor pallet, four validators (`UintAuthorityId` 1–4), a
//! settable clock, a recording settlement and devices from [`MockDevices`].

use crate::{self as pallet_dag_anchor, *};
use frame_support::{
	derive_impl, parameter_types,
	traits::{Hooks, Time},
};
use itc_primitives::{
	anchor::{AnchorSummary, MicroSettlement, NetChange, RecordCount, SeqRange},
	device::{testing::MockDevices, DeviceCode, DeviceKey},
	Moment, WallClock,
};
use sp_core::offchain::{testing, OffchainDbExt, OffchainWorkerExt, TransactionPoolExt};
use sp_runtime::{
	testing::{TestSignature, UintAuthorityId},
	BuildStorage, DispatchResult, RuntimeAppPublic,
};

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		DagAnchor: pallet_dag_anchor,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

/// A transaction as the off-chain worker makes it.
pub type Extrinsic = sp_runtime::testing::TestXt<RuntimeCall, ()>;

impl<C> frame_system::offchain::CreateTransactionBase<C> for Test
where
	RuntimeCall: From<C>,
{
	type RuntimeCall = RuntimeCall;
	type Extrinsic = Extrinsic;
}

impl<C> frame_system::offchain::CreateTransaction<C> for Test
where
	RuntimeCall: From<C>,
{
	type Extension = ();
	fn create_transaction(call: RuntimeCall, extension: ()) -> Extrinsic {
		Extrinsic::new_transaction(call, extension)
	}
}

impl<C> frame_system::offchain::CreateAuthorizedTransaction<C> for Test
where
	RuntimeCall: From<C>,
{
	fn create_extension() {}
}

/// Unix ms of the genesis moment.
pub const GENESIS_MS: Moment = 1_700_000_000_000;
/// Epoch length in ms.
pub const EPOCH_MS: Moment = 10_000;
/// Blocks an epoch takes proposals.
pub const TIMEOUT: u64 = 5;

parameter_types! {
	pub static Validators: Vec<UintAuthorityId> = (1..=4).map(UintAuthorityId).collect();
	pub static CurrentEra: u32 = 0;
	pub static Now: Moment = GENESIS_MS;
	pub static SettlementFails: bool = false;
	pub static Settled: Vec<Vec<NetChange<u64>>> = Vec::new();
	pub const MaxValidators: u32 = 8;
	pub const EpochTimeout: u64 = TIMEOUT;
	pub const ProposalPriority: u64 = 1 << 60;
}

/// The test clock: [`Now`] since [`GENESIS_MS`].
pub struct MockClock;
impl WallClock for MockClock {
	fn elapsed_ms() -> Moment {
		Now::get() - GENESIS_MS
	}
}
impl Time for MockClock {
	type Moment = Moment;
	fn now() -> Moment {
		Now::get()
	}
}

/// Records each settlement; fails all while [`SettlementFails`] is set.
pub struct MockSettlement;
impl MicroSettlement<u64> for MockSettlement {
	fn settle(changes: &[NetChange<u64>], _senders: &[SeqRange<u64>]) -> DispatchResult {
		if SettlementFails::get() {
			return Err(sp_runtime::DispatchError::Other("settlement fails"));
		}
		Settled::mutate(|s| s.push(changes.to_vec()));
		Ok(())
	}
}

impl pallet_dag_anchor::Config for Test {
	type AuthorityId = UintAuthorityId;
	type Validators = Validators;
	type MaxValidators = MaxValidators;
	type Clock = MockClock;
	type Time = MockClock;
	type Settlement = MockSettlement;
	type Devices = MockDevices;
	type CurrentEra = CurrentEra;
	type EpochTimeout = EpochTimeout;
	type ProposalPriority = ProposalPriority;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchHelper;
}

/// Benchmarks against the mock: validators and time set directly, the mock settlement.
#[cfg(feature = "runtime-benchmarks")]
pub struct BenchHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64, UintAuthorityId> for BenchHelper {
	fn set_validators(validators: Vec<UintAuthorityId>) {
		Validators::set(validators);
	}
	fn set_elapsed_ms(ms: Moment) {
		Now::set(GENESIS_MS + ms);
	}
	fn settlement(n: u32) -> Vec<NetChange<u64>> {
		settlement_of(n)
	}
	fn record_device(seed: u32) -> u64 {
		let account = 10_000 + u64::from(seed);
		device(account);
		account
	}
}

/// A balanced settlement with `n` entries (`n` ≠ 1): the first account pays the others.
#[cfg(feature = "runtime-benchmarks")]
pub fn settlement_of(n: u32) -> Vec<NetChange<u64>> {
	if n == 0 {
		return Vec::new();
	}
	let mut changes: Vec<_> =
		(1..n).map(|i| NetChange { account: 1_000 + u64::from(i), delta: 10 }).collect();
	changes.insert(0, NetChange { account: 1_000, delta: -10 * i128::from(n - 1) });
	changes
}

/// Registers an active device whose account is `account`.
pub fn device(account: u64) -> DeviceCode {
	let mut raw = [7; 32];
	raw[..8].copy_from_slice(&account.to_le_bytes());
	MockDevices::add(
		DeviceKey::Ed25519(sp_core::ed25519::Public::from_raw(raw)),
		&account,
		&1u64,
		0,
	)
}

/// Device accounts with records in [`summary`].
pub const RECORD_DEVICE: u64 = 500;

/// A well-formed summary of `epoch`; `seed` makes its root differ.
pub fn summary(epoch: u32, seed: u8) -> AnchorSummary<u64> {
	AnchorSummary {
		epoch,
		root: [seed; 32],
		count: 4,
		cid: b"bafkreitest".to_vec().try_into().unwrap(),
		settlement: vec![NetChange { account: 7, delta: -25 }, NetChange { account: 8, delta: 25 }]
			.try_into()
			.unwrap(),
		records: vec![RecordCount { account: RECORD_DEVICE, records: 2 }].try_into().unwrap(),
		senders: vec![
			SeqRange { account: 7, first: 0, next: 1 },
			SeqRange { account: RECORD_DEVICE, first: 0, next: 2 },
		]
		.try_into()
		.unwrap(),
	}
}

/// Validator `v`'s signature of `summary` on this chain.
pub fn sign(v: u64, summary: &AnchorSummary<u64>) -> TestSignature {
	UintAuthorityId(v).sign(&DagAnchor::payload_of(summary)).unwrap()
}

/// What the runtime does with a proposal from the pool: its authorization (as the
/// `AuthorizeCall` extension), then the dispatch with the `Authorized` origin.
pub fn submit(
	v: u64,
	summary: AnchorSummary<u64>,
) -> Result<frame_support::dispatch::PostDispatchInfo, sp_runtime::DispatchError> {
	let signature = sign(v, &summary);
	submit_signed(v, summary, signature)
}

/// As [`submit`] with a given signature.
pub fn submit_signed(
	v: u64,
	summary: AnchorSummary<u64>,
	signature: TestSignature,
) -> Result<frame_support::dispatch::PostDispatchInfo, sp_runtime::DispatchError> {
	use frame_support::traits::Authorize;
	let call = Call::<Test>::propose { summary, validator: UintAuthorityId(v), signature };
	if let Some(Err(e)) =
		call.authorize(sp_runtime::transaction_validity::TransactionSource::External)
	{
		return Err(sp_runtime::DispatchError::Other(invalid_name(e)));
	}
	let Call::propose { summary, validator, signature } = call;
	DagAnchor::propose(frame_system::RawOrigin::Authorized.into(), summary, validator, signature)
		.map_err(|e| e.error)
}

/// `propose` dispatched with the `Authorized` origin, as validator `v`, without the pool's
/// checks (to see the call's own errors).
pub fn dispatch(
	v: u64,
	summary: AnchorSummary<u64>,
	signature: TestSignature,
) -> frame_support::dispatch::DispatchResultWithPostInfo {
	DagAnchor::propose(
		frame_system::RawOrigin::Authorized.into(),
		summary,
		UintAuthorityId(v),
		signature,
	)
}

/// The pool's verdict on a proposal, as a name.
pub fn validity(v: u64, summary: AnchorSummary<u64>, signature: TestSignature) -> &'static str {
	use frame_support::traits::Authorize;
	let call = Call::<Test>::propose { summary, validator: UintAuthorityId(v), signature };
	match call.authorize(sp_runtime::transaction_validity::TransactionSource::External) {
		Some(Ok(_)) => "valid",
		Some(Err(e)) => invalid_name(e),
		None => "no authorization",
	}
}

fn invalid_name(e: sp_runtime::transaction_validity::TransactionValidityError) -> &'static str {
	use sp_runtime::transaction_validity::{
		InvalidTransaction as I, TransactionValidityError as E,
	};
	match e {
		E::Invalid(I::Stale) => "stale",
		E::Invalid(I::BadSigner) => "bad signer",
		E::Invalid(I::BadProof) => "bad proof",
		E::Invalid(I::Call) => "bad call",
		_ => "other",
	}
}

/// Sets the clock to `ms` after the genesis moment.
pub fn set_elapsed(ms: Moment) {
	Now::set(GENESIS_MS + ms);
}

/// Goes to the next block and runs the pallet's `on_initialize`.
pub fn next_block() {
	let n = System::block_number() + 1;
	System::set_block_number(n);
	DagAnchor::on_initialize(n);
}

/// Moves the clock past the end of `epoch` and goes to the next block (which opens it).
pub fn end_epoch(epoch: u32) {
	set_elapsed(EPOCH_MS * (u64::from(epoch) + 1) + 1);
	next_block();
}

/// The pallet's events so far.
pub fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::DagAnchor(e) => Some(e),
			_ => None,
		})
		.collect()
}

fn storage() -> sp_io::TestExternalities {
	MockDevices::clear();
	Validators::set((1..=4).map(UintAuthorityId).collect());
	CurrentEra::set(0);
	Now::set(GENESIS_MS);
	SettlementFails::set(false);
	Settled::set(Vec::new());
	UintAuthorityId::set_all_keys(Vec::<u64>::new());
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_dag_anchor::GenesisConfig::<Test> { epoch_length_ms: EPOCH_MS, ..Default::default() }
		.assimilate_storage(&mut storage)
		.unwrap();
	sp_io::TestExternalities::new(storage)
}

/// Runs `test` from block 1, with the record device registered, then checks the invariants.
pub fn new_test_ext(test: impl FnOnce()) {
	storage().execute_with(|| {
		System::set_block_number(1);
		device(RECORD_DEVICE);
		test();
		DagAnchor::do_try_state().expect("invariants hold");
	});
}

/// As [`new_test_ext`] with off-chain worker, off-chain database and transaction pool
/// extensions; `test` gets a look at the pool's transactions.
pub fn new_offchain_ext(test: impl FnOnce(&dyn Fn() -> Vec<Vec<u8>>)) {
	let mut ext = storage();
	let (offchain, _) = testing::TestOffchainExt::new();
	let (pool, pool_state) = testing::TestTransactionPoolExt::new();
	ext.register_extension(OffchainDbExt::new(offchain.clone()));
	ext.register_extension(OffchainWorkerExt::new(offchain));
	ext.register_extension(TransactionPoolExt::new(pool));
	ext.execute_with(|| {
		System::set_block_number(1);
		device(RECORD_DEVICE);
		test(&|| pool_state.read().transactions.clone());
		DagAnchor::do_try_state().expect("invariants hold");
	});
}

/// The benchmarks' chain: genesis only.
#[cfg(feature = "runtime-benchmarks")]
pub fn bench_ext() -> sp_io::TestExternalities {
	let mut ext = storage();
	ext.execute_with(|| System::set_block_number(1));
	ext
}
