//! Test runtime: System, Balances and the data market, with devices from
//! [`MockDevices`] and sealed boxes made with a deterministic RNG.

use crate::{self as pallet_data_market, crypto, *};
use crypto_box::{
	aead::rand_core::{CryptoRng, RngCore},
	SecretKey,
};
use frame_support::{
	assert_ok, derive_impl, parameter_types,
	traits::{fungible::InspectHold, Hooks},
};
use itc_primitives::device::{testing::MockDevices, DeviceCode, DeviceKey};
use sp_runtime::{BuildStorage, Permill};

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		DataMarket: pallet_data_market,
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
	type ExistentialDeposit = ExistentialDeposit;
	type RuntimeHoldReason = RuntimeHoldReason;
	type FreezeIdentifier = [u8; 8];
	type MaxFreezes = frame_support::traits::ConstU32<1>;
}

parameter_types! {
	/// 1 unless a test raises it.
	pub static ExistentialDeposit: u64 = 1;
	pub const MarketPot: frame_support::PalletId = frame_support::PalletId(*b"itc/mrkt");
	pub const Fund: u64 = FUND;
	pub const MarketFee: Permill = Permill::from_percent(2);
	pub const DisputeFee: Permill = Permill::from_percent(10);
	pub const MinSellerBond: u64 = 50;
	pub const DeliveryPeriod: u64 = DELIVERY;
	pub const ConfirmationPeriod: u64 = CONFIRMATION;
	pub const MaxListingLifetime: u64 = 1_000;
	pub const MaxBountyLifetime: u64 = 500;
	pub const MaxCidLength: u32 = 64;
	pub const MaxAnswers: u32 = 3;
	pub const MaxDeadlinesPerBlock: u32 = 4;
	/// The mining era sales are counted in; tests move it.
	pub static MiningEra: itc_primitives::mining::EraIndex = 0;
}

impl pallet_data_market::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Devices = MockDevices;
	type FeeDestination = Fund;
	type PalletId = MarketPot;
	type MarketFee = MarketFee;
	type DisputeFee = DisputeFee;
	type MinSellerBond = MinSellerBond;
	type DeliveryPeriod = DeliveryPeriod;
	type ConfirmationPeriod = ConfirmationPeriod;
	type MaxListingLifetime = MaxListingLifetime;
	type MaxBountyLifetime = MaxBountyLifetime;
	type MaxCidLength = MaxCidLength;
	type MaxAnswers = MaxAnswers;
	type MaxDeadlinesPerBlock = MaxDeadlinesPerBlock;
	type CurrentEra = MiningEra;
	type WeightInfo = ();
}

/// Owner of the test device, who sells its data.
pub const SELLER: u64 = 1;
/// A buyer.
pub const BUYER: u64 = 2;
/// Another user.
pub const OTHER: u64 = 3;
/// A second seller with a device of their own.
pub const SELLER2: u64 = 4;
/// The community fund, which receives market fees.
pub const FUND: u64 = 99;
/// Starting balance of every test account.
pub const START: u64 = 10_000;
/// Blocks to deliver.
pub const DELIVERY: u64 = 10;
/// Blocks to confirm or dispute.
pub const CONFIRMATION: u64 = 20;
/// Price of the helper listing.
pub const PRICE: u64 = 1_000;
/// Bond of the helper listing.
pub const BOND: u64 = 200;
/// Expiry of the helper listing.
pub const EXPIRES: u64 = 100;
/// The content key of the helper listing's package.
pub const CONTENT_KEY: [u8; 32] = [7; 32];

/// The sealed chunks of the package every mock listing sells: two chunks sealed with
/// [`CONTENT_KEY`].
pub fn package_chunks() -> Vec<Vec<u8>> {
	vec![
		crypto::package::seal_chunk(&CONTENT_KEY, 0, b"t,c\n0,4.5\n"),
		crypto::package::seal_chunk(&CONTENT_KEY, 1, b"1,4.1\n"),
	]
}

/// What a listing of [`package_chunks`] commits to.
pub fn package() -> PackageRoot {
	PackageRoot { root: crypto::package::package_root(&package_chunks()), chunks: 2 }
}

/// Chunk `index` of `chunks` shown with its Merkle path.
pub fn evidence(chunks: &[Vec<u8>], index: u32) -> ChunkEvidence {
	ChunkEvidence {
		index,
		sealed: chunks[index as usize].clone().try_into().expect("a sealed chunk"),
		path: crypto::package::package_path(chunks, index).try_into().expect("a short path"),
	}
}

/// A CID-shaped bounded vector.
pub fn cid(text: &str) -> CidOf<Test> {
	text.as_bytes().to_vec().try_into().unwrap()
}

/// Adds an active device owned by `owner` (device `seed`); returns its code.
pub fn device_of(owner: u64, seed: u8) -> DeviceCode {
	let key = DeviceKey::Ed25519(sp_core::ed25519::Public::from_raw([seed; 32]));
	MockDevices::add(key, &(1_000 + seed as u64), &owner, 0)
}

/// The helper device: owned by [`SELLER`].
pub fn device() -> DeviceCode {
	device_of(SELLER, 1)
}

/// `who` lists `device`'s data with the helper terms and `max_sales`; returns the id.
pub fn list_as(who: u64, device: DeviceCode, max_sales: u32) -> ListingId {
	let id = NextListingId::<Test>::get();
	assert_ok!(DataMarket::list(
		RuntimeOrigin::signed(who),
		device,
		cid("bafkreidata"),
		crypto::commitment(&CONTENT_KEY),
		package(),
		PRICE,
		cid("bafkreiterms"),
		EXPIRES,
		max_sales,
		BOND,
	));
	id
}

/// [`SELLER`] lists the helper device's data, for up to 5 sales.
pub fn listed() -> ListingId {
	list_as(SELLER, device(), 5)
}

/// A buyer's X25519 key pair for purchase `seed`.
pub fn box_keys(seed: u8) -> (BoxSecretKey, BoxPublicKey) {
	let secret = SecretKey::from([seed; 32]);
	(secret.to_bytes(), *secret.public_key().as_bytes())
}

/// `who` buys `listing` with key pair `seed`; returns the purchase id.
pub fn buy_as(who: u64, listing: ListingId, seed: u8) -> PurchaseId {
	let id = NextPurchaseId::<Test>::get();
	assert_ok!(DataMarket::buy(RuntimeOrigin::signed(who), listing, PRICE, box_keys(seed).1));
	id
}

/// [`BUYER`] buys a fresh helper listing with key pair 42; returns listing and purchase.
pub fn bought() -> (ListingId, PurchaseId) {
	let listing = listed();
	(listing, buy_as(BUYER, listing, 42))
}

/// `content` sealed to the public key of key pair `seed`.
pub fn seal(seed: u8, content: &[u8]) -> SealedKey {
	let public = crypto_box::PublicKey::from(box_keys(seed).1);
	public.seal(&mut TestRng(seed as u64), content).unwrap().try_into().unwrap()
}

/// A purchase by [`BUYER`] with the right key delivered; returns listing and purchase.
pub fn delivered() -> (ListingId, PurchaseId) {
	let (listing, purchase) = bought();
	assert_ok!(DataMarket::deliver(
		RuntimeOrigin::signed(SELLER),
		purchase,
		seal(42, &CONTENT_KEY)
	));
	(listing, purchase)
}

/// [`SELLER`] delivers `sealed_key` for `purchase`.
pub fn deliver(purchase: PurchaseId, sealed_key: SealedKey) {
	assert_ok!(DataMarket::deliver(RuntimeOrigin::signed(SELLER), purchase, sealed_key));
}

/// `who` disputes `purchase`, revealing the secret of key pair `seed`.
pub fn dispute(who: u64, purchase: PurchaseId, seed: u8) -> sp_runtime::DispatchResult {
	DataMarket::dispute(RuntimeOrigin::signed(who), purchase, box_keys(seed).0)
}

/// What `who` has on hold for `reason`.
pub fn held(reason: HoldReason, who: u64) -> u64 {
	Balances::balance_on_hold(&reason.into(), &who)
}

/// What the market's pot holds for `reason`.
pub fn pot_held(reason: HoldReason) -> u64 {
	held(reason, DataMarket::pot())
}

/// Freezes `amount` of `who`'s balance, as token-vesting does.
pub fn freeze(who: u64, amount: u64) {
	use frame_support::traits::fungible::MutateFreeze;
	assert_ok!(<Balances as MutateFreeze<u64>>::set_freeze(b"vesting_", &who, amount));
}

/// Moves `who`'s balance above `left` to [`FUND`] (issuance stays the same).
pub fn leave(who: u64, left: u64) {
	use frame_support::traits::{fungible::Mutate, tokens::Preservation};
	let excess = free(who) - left;
	assert_ok!(<Balances as Mutate<u64>>::transfer(&who, &FUND, excess, Preservation::Expendable));
}

/// `who`'s free balance.
pub fn free(who: u64) -> u64 {
	Balances::free_balance(who)
}

/// Runs blocks up to `n`, with the pallet's `on_initialize` in each.
pub fn run_to(n: u64) {
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		DataMarket::on_initialize(next);
	}
}

/// The events of this pallet so far.
pub fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::DataMarket(e) => Some(e),
			_ => None,
		})
		.collect()
}

/// A deterministic RNG for sealing in tests (the ephemeral key of a sealed box). Not secure.
pub struct TestRng(pub u64);

impl RngCore for TestRng {
	fn next_u32(&mut self) -> u32 {
		self.next_u64() as u32
	}
	fn next_u64(&mut self) -> u64 {
		// SplitMix64.
		self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
		let mut z = self.0;
		z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
		z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
		z ^ (z >> 31)
	}
	fn fill_bytes(&mut self, dest: &mut [u8]) {
		for chunk in dest.chunks_mut(8) {
			chunk.copy_from_slice(&self.next_u64().to_le_bytes()[..chunk.len()]);
		}
	}
	fn try_fill_bytes(
		&mut self,
		dest: &mut [u8],
	) -> Result<(), crypto_box::aead::rand_core::Error> {
		self.fill_bytes(dest);
		Ok(())
	}
}

impl CryptoRng for TestRng {}

/// The test chain's storage after genesis.
pub fn build_ext() -> sp_io::TestExternalities {
	MockDevices::clear();
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: [SELLER, BUYER, OTHER, SELLER2, FUND]
			.iter()
			.map(|w| (*w, START))
			// The pot starts with its existential deposit, as if a first payer had given it.
			.chain([(DataMarket::pot(), ExistentialDeposit::get())])
			.collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test` on the chain, then checks the pallet's invariants, that no account holds
/// anything for this pallet beyond what its records account for, and that no balance was
/// minted or burned.
pub fn new_test_ext(test: impl FnOnce()) {
	build_ext().execute_with(|| {
		let issuance = Balances::total_issuance();
		test();
		DataMarket::do_try_state().unwrap();
		assert_eq!(total_held(), recorded(), "holds outside the records");
		assert_eq!(Balances::total_issuance(), issuance, "issuance changed");
	});
}

/// Everything on hold for this pallet, over every account.
pub fn total_held() -> u64 {
	pallet_balances::Holds::<Test>::iter()
		.flat_map(|(_, holds)| holds.into_iter())
		.filter(|h| matches!(h.id, RuntimeHoldReason::DataMarket(_)))
		.map(|h| h.amount)
		.sum()
}

/// Everything the pallet's records say is on hold.
pub fn recorded() -> u64 {
	let escrow: u64 = Purchases::<Test>::iter_values().map(|p| p.amount).sum();
	let bonds: u64 = Listings::<Test>::iter_values().map(|l| l.bond).sum();
	let bounties: u64 =
		Bounties::<Test>::iter_values().map(|b| DataMarket::bounty_escrow(&b)).sum();
	escrow + bonds + bounties
}
