//! Test runtime: System only; devices from the shared [`MockDevices`], manufacturers and
//! listings from the small test doubles below.

use crate as itc_chain_extension;
use frame_support::{derive_impl, parameter_types};
use itc_primitives::{
	device::{testing::MockDevices, ManufacturerId, ManufacturerRegistry, ManufacturerStatus},
	market::{DataListings, ListingId, ListingInfo},
};
use sp_runtime::{BuildStorage, DispatchResult};
use std::{cell::RefCell, collections::BTreeMap};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub type Listing = ListingInfo<AccountId, u128, u64>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

parameter_types! {
	pub const MaxMessageLen: u32 = 64;
}

impl itc_chain_extension::Config for Test {
	type Devices = MockDevices;
	type Manufacturers = MockManufacturers;
	type Balance = u128;
	type Listings = MockListings;
	type MaxMessageLen = MaxMessageLen;
	type WeightInfo = ();
}

thread_local! {
	static MAKERS: RefCell<BTreeMap<ManufacturerId, ManufacturerStatus>> =
		const { RefCell::new(BTreeMap::new()) };
	static LISTINGS: RefCell<BTreeMap<ListingId, Listing>> = const { RefCell::new(BTreeMap::new()) };
}

/// Manufacturers with a status and nothing else.
pub struct MockManufacturers;

impl MockManufacturers {
	pub fn set(id: ManufacturerId, status: ManufacturerStatus) {
		MAKERS.with(|m| m.borrow_mut().insert(id, status));
	}
}

impl ManufacturerRegistry<AccountId> for MockManufacturers {
	fn manufacturer_of(_: &AccountId) -> Option<ManufacturerId> {
		None
	}
	fn account_of(_: ManufacturerId) -> Option<AccountId> {
		None
	}
	fn status(id: ManufacturerId) -> Option<ManufacturerStatus> {
		MAKERS.with(|m| m.borrow().get(&id).copied())
	}
	fn use_quota(_: ManufacturerId, _: u32) -> DispatchResult {
		Ok(())
	}
	fn registered(_: ManufacturerId) -> u32 {
		0
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_approved(_: &AccountId, _: u32) -> ManufacturerId {
		Self::set(0, ManufacturerStatus::Approved);
		0
	}
}

/// Listings stored as they are answered.
pub struct MockListings;

impl MockListings {
	pub fn set(id: ListingId, listing: Listing) {
		LISTINGS.with(|l| l.borrow_mut().insert(id, listing));
	}
}

impl DataListings<AccountId, u128, u64> for MockListings {
	fn listing(id: ListingId) -> Option<Listing> {
		LISTINGS.with(|l| l.borrow().get(&id).cloned())
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_listing(
		seller: &AccountId,
		device: itc_primitives::device::DeviceCode,
	) -> ListingId {
		let listing = ListingInfo {
			seller: *seller,
			device,
			price: 10,
			expires_at: 100,
			max_sales: 1,
			sold: 0,
			open: true,
		};
		Self::set(7, listing);
		7
	}
}

/// Fresh state: no devices, manufacturer 0 approved (the benchmarks' devices are its), no
/// listings.
pub fn new_test_ext() -> sp_io::TestExternalities {
	MockDevices::clear();
	MAKERS.with(|m| m.borrow_mut().clear());
	LISTINGS.with(|l| l.borrow_mut().clear());
	MockManufacturers::set(0, ManufacturerStatus::Approved);
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.register_extension(sp_keystore::KeystoreExt::new(
		sp_keystore::testing::MemoryKeystore::new(),
	));
	ext.execute_with(|| frame_system::Pallet::<Test>::set_block_number(1));
	ext
}
