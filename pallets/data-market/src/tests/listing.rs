//! `list`, `update_listing`, `withdraw_listing`, `expire_listing`.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok};
use itc_primitives::device::{testing::MockDevices, DeviceStatus, Role};

fn list(who: u64, device: itc_primitives::device::DeviceCode) -> ListingBuilder {
	ListingBuilder {
		who,
		device,
		cid: cid("bafkreidata"),
		terms: cid("bafkreiterms"),
		package: package(),
		price: PRICE,
		expires_at: EXPIRES,
		max_sales: 5,
		bond: BOND,
	}
}

struct ListingBuilder {
	who: u64,
	device: itc_primitives::device::DeviceCode,
	cid: CidOf<Test>,
	terms: CidOf<Test>,
	package: PackageRoot,
	price: u64,
	expires_at: u64,
	max_sales: u32,
	bond: u64,
}

impl ListingBuilder {
	fn call(self) -> sp_runtime::DispatchResult {
		DataMarket::list(
			RuntimeOrigin::signed(self.who),
			self.device,
			self.cid,
			[1; 32],
			self.package,
			self.price,
			self.terms,
			self.expires_at,
			self.max_sales,
			self.bond,
		)
	}
}

#[test]
fn list_holds_the_bond_and_queues_the_expiry() {
	new_test_ext(|| {
		let device = device();
		assert_ok!(list(SELLER, device).call());

		let listing = Listings::<Test>::get(0).unwrap();
		assert_eq!(listing.seller, SELLER);
		assert_eq!(listing.status, ListingStatus::Open);
		assert_eq!((listing.sold, listing.open_purchases), (0, 0));
		assert_eq!(pot_held(HoldReason::SellerBond), BOND);
		assert_eq!(free(SELLER), START - BOND);
		assert_eq!(NextListingId::<Test>::get(), 1);
		assert_eq!(Deadlines::<Test>::get(EXPIRES + 1).to_vec(), vec![Deadline::ListingExpiry(0)]);
		assert_eq!(Packages::<Test>::get(0), Some(package()));
		assert_eq!(
			events(),
			vec![Event::Listed {
				listing: 0,
				seller: SELLER,
				device,
				package: package(),
				price: PRICE,
				bond: BOND
			}]
		);
	});
}

#[test]
fn a_package_has_at_least_one_chunk() {
	new_test_ext(|| {
		let package = PackageRoot { root: [1; 32], chunks: 0 };
		let call = ListingBuilder { package, ..list(SELLER, device()) };
		assert_noop!(call.call(), Error::<Test>::ZeroChunks);
	});
}

#[test]
fn a_removed_listing_takes_its_package_with_it() {
	new_test_ext(|| {
		let listing = listed();
		assert_ok!(DataMarket::withdraw_listing(RuntimeOrigin::signed(SELLER), listing));
		assert!(Listings::<Test>::get(listing).is_none());
		assert!(Packages::<Test>::get(listing).is_none());
	});
}

#[test]
fn list_requires_the_device_owner() {
	new_test_ext(|| {
		let device = device();
		assert_noop!(list(OTHER, device).call(), Error::<Test>::NotDeviceOwner);
		let unknown = itc_primitives::device::DeviceCode([9; 15]);
		assert_noop!(list(SELLER, unknown).call(), Error::<Test>::NotDeviceOwner);
	});
}

#[test]
fn list_requires_an_active_device_of_an_approved_manufacturer() {
	new_test_ext(|| {
		let device = device();
		MockDevices::set_status(&device, DeviceStatus::Suspended { by: Role::Owner });
		assert_noop!(list(SELLER, device).call(), Error::<Test>::DeviceUnavailable);
		MockDevices::set_status(&device, DeviceStatus::Active);
		MockDevices::set_manufacturer_approved(0, false);
		assert_noop!(list(SELLER, device).call(), Error::<Test>::DeviceUnavailable);
	});
}

#[test]
fn list_rejects_bad_cids() {
	new_test_ext(|| {
		let device = device();
		for bad in ["", "bafy/../x", "bafy kreia", "ipfs://bafy"] {
			let call = ListingBuilder { cid: cid(bad), ..list(SELLER, device) };
			assert_noop!(call.call(), Error::<Test>::BadCid);
			let call = ListingBuilder { terms: cid(bad), ..list(SELLER, device) };
			assert_noop!(call.call(), Error::<Test>::BadCid);
		}
	});
}

#[test]
fn list_rejects_a_zero_price_or_maximum() {
	new_test_ext(|| {
		let device = device();
		let call = ListingBuilder { price: 0, ..list(SELLER, device) };
		assert_noop!(call.call(), Error::<Test>::ZeroAmount);
		let call = ListingBuilder { max_sales: 0, ..list(SELLER, device) };
		assert_noop!(call.call(), Error::<Test>::ZeroMaximum);
	});
}

#[test]
fn list_requires_the_minimum_bond() {
	new_test_ext(|| {
		let call = ListingBuilder { bond: 49, ..list(SELLER, device()) };
		assert_noop!(call.call(), Error::<Test>::BondTooLow);
	});
}

#[test]
fn list_rejects_an_expiry_in_the_past_or_too_far_ahead() {
	new_test_ext(|| {
		let device = device();
		for expires_at in [0, 1, 1 + 1_000 + 1] {
			let call = ListingBuilder { expires_at, ..list(SELLER, device) };
			assert_noop!(call.call(), Error::<Test>::BadDeadline);
		}
		let call = ListingBuilder { expires_at: 1 + 1_000, ..list(SELLER, device) };
		assert_ok!(call.call());
	});
}

#[test]
fn list_fails_when_the_bond_cannot_be_held() {
	new_test_ext(|| {
		let call = ListingBuilder { bond: START, ..list(SELLER, device()) };
		assert_noop!(call.call(), Error::<Test>::InsufficientBalance);
	});
}

#[test]
fn list_fails_when_ids_run_out() {
	new_test_ext(|| {
		NextListingId::<Test>::put(ListingId::MAX);
		assert_noop!(list(SELLER, device()).call(), Error::<Test>::Overflow);
	});
}

#[test]
fn update_listing_changes_price_expiry_and_maximum() {
	new_test_ext(|| {
		let listing = listed();
		assert_ok!(DataMarket::update_listing(RuntimeOrigin::signed(SELLER), listing, 7, 300, 9));
		let stored = Listings::<Test>::get(listing).unwrap();
		assert_eq!((stored.price, stored.expires_at, stored.max_sales), (7, 300, 9));
		assert_eq!(Deadlines::<Test>::get(301).to_vec(), vec![Deadline::ListingExpiry(listing)]);
		assert_eq!(
			events().last(),
			Some(&Event::ListingUpdated { listing, price: 7, expires_at: 300, max_sales: 9 })
		);
	});
}

#[test]
fn update_listing_errors() {
	new_test_ext(|| {
		let listing = listed();
		let update = |who, id, price, expires_at, max_sales| {
			DataMarket::update_listing(RuntimeOrigin::signed(who), id, price, expires_at, max_sales)
		};
		assert_noop!(update(SELLER, 9, 1, 50, 5), Error::<Test>::UnknownListing);
		assert_noop!(update(OTHER, listing, 1, 50, 5), Error::<Test>::NotSeller);
		assert_noop!(update(SELLER, listing, 0, 50, 5), Error::<Test>::ZeroAmount);
		assert_noop!(update(SELLER, listing, 1, 1, 5), Error::<Test>::BadDeadline);
		buy_as(BUYER, listing, 1);
		assert_noop!(update(SELLER, listing, 1, 50, 1), Error::<Test>::MaxSalesBelowSold);
		assert_ok!(DataMarket::withdraw_listing(RuntimeOrigin::signed(SELLER), listing));
		assert_noop!(update(SELLER, listing, 1, 50, 5), Error::<Test>::ListingClosed);
	});
}

#[test]
fn withdraw_listing_without_purchases_returns_the_bond_at_once() {
	new_test_ext(|| {
		let listing = listed();
		assert_ok!(DataMarket::withdraw_listing(RuntimeOrigin::signed(SELLER), listing));
		assert!(Listings::<Test>::get(listing).is_none());
		assert_eq!(pot_held(HoldReason::SellerBond), 0);
		assert_eq!(free(SELLER), START);
		let tail = events().split_off(1);
		assert_eq!(
			tail,
			vec![
				Event::ListingClosed { listing, status: ListingStatus::Withdrawn },
				Event::ListingRemoved { listing, bond_returned: BOND },
			]
		);
	});
}

#[test]
fn withdraw_listing_keeps_the_bond_until_open_purchases_end() {
	new_test_ext(|| {
		let (listing, purchase) = delivered();
		assert_ok!(DataMarket::withdraw_listing(RuntimeOrigin::signed(SELLER), listing));
		assert_eq!(Listings::<Test>::get(listing).unwrap().status, ListingStatus::Withdrawn);
		assert_eq!(pot_held(HoldReason::SellerBond), BOND);
		assert_noop!(
			DataMarket::buy(RuntimeOrigin::signed(OTHER), listing, PRICE, [1; 32]),
			Error::<Test>::ListingClosed
		);

		assert_ok!(DataMarket::confirm(RuntimeOrigin::signed(BUYER), purchase));
		assert!(Listings::<Test>::get(listing).is_none());
		assert_eq!(pot_held(HoldReason::SellerBond), 0);
	});
}

#[test]
fn withdraw_listing_errors() {
	new_test_ext(|| {
		let listing = listed();
		let withdraw = |who, id| DataMarket::withdraw_listing(RuntimeOrigin::signed(who), id);
		assert_noop!(withdraw(SELLER, 9), Error::<Test>::UnknownListing);
		assert_noop!(withdraw(OTHER, listing), Error::<Test>::NotSeller);
		buy_as(BUYER, listing, 1);
		assert_ok!(withdraw(SELLER, listing));
		assert_noop!(withdraw(SELLER, listing), Error::<Test>::ListingClosed);
	});
}

#[test]
fn expire_listing_closes_it_after_its_expiry() {
	new_test_ext(|| {
		let listing = listed();
		System::set_block_number(EXPIRES + 1);
		assert_ok!(DataMarket::expire_listing(RuntimeOrigin::signed(OTHER), listing));
		assert!(Listings::<Test>::get(listing).is_none());
		assert_eq!(free(SELLER), START);
		assert!(
			events().contains(&Event::ListingClosed { listing, status: ListingStatus::Expired })
		);
	});
}

#[test]
fn expire_listing_errors() {
	new_test_ext(|| {
		let listing = listed();
		let expire = |id| DataMarket::expire_listing(RuntimeOrigin::signed(OTHER), id);
		assert_noop!(expire(9), Error::<Test>::UnknownListing);
		System::set_block_number(EXPIRES);
		assert_noop!(expire(listing), Error::<Test>::NotExpired);
		buy_as(BUYER, listing, 1);
		assert_ok!(DataMarket::withdraw_listing(RuntimeOrigin::signed(SELLER), listing));
		System::set_block_number(EXPIRES + 1);
		assert_noop!(expire(listing), Error::<Test>::ListingClosed);
	});
}

#[test]
fn unsigned_origins_are_rejected() {
	new_test_ext(|| {
		let listing = listed();
		let none = RuntimeOrigin::none;
		let bad = sp_runtime::DispatchError::BadOrigin;
		assert_noop!(DataMarket::withdraw_listing(none(), listing), bad);
		assert_noop!(DataMarket::expire_listing(none(), listing), bad);
		assert_noop!(DataMarket::update_listing(none(), listing, 1, 50, 5), bad);
		assert_noop!(DataMarket::buy(none(), listing, PRICE, [0; 32]), bad);
		assert_noop!(DataMarket::refund(RuntimeOrigin::root(), 0), bad);
		assert_noop!(DataMarket::settle(none(), 0), bad);
		assert_noop!(DataMarket::close_bounty(none(), 0), bad);
	});
}
