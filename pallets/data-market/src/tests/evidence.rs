//! The fees of settled sales, counted per device and era for edge mining.

use crate::{mock::*, *};
use frame_support::assert_ok;
use itc_primitives::mining::MarketEvidence;

fn fees(device: itc_primitives::device::DeviceCode, era: u32) -> u64 {
	<DataMarket as MarketEvidence<u64>>::settled_fees(&device, era)
}

#[test]
fn a_settled_sale_counts_its_fee_for_its_device_and_era() {
	new_test_ext(|| {
		MiningEra::set(3);
		let (listing, purchase) = delivered();
		let device = Listings::<Test>::get(listing).unwrap().device;
		assert_ok!(DataMarket::confirm(RuntimeOrigin::signed(BUYER), purchase));
		assert_eq!((fees(device, 3), fees(device, 2)), (PRICE * 2 / 100, 0));

		// A sale settled by the elapsed window, in the next era, counts there.
		MiningEra::set(4);
		let other = buy_as(OTHER, listing, 7);
		deliver(other, seal(7, &CONTENT_KEY));
		System::set_block_number(1 + CONFIRMATION + 1);
		assert_ok!(DataMarket::settle(RuntimeOrigin::signed(OTHER), other));
		assert_eq!((fees(device, 3), fees(device, 4)), (PRICE * 2 / 100, PRICE * 2 / 100));
	});
}

#[test]
fn a_dispute_the_seller_wins_counts_and_one_the_buyer_wins_does_not() {
	new_test_ext(|| {
		let (listing, purchase) = delivered();
		let device = Listings::<Test>::get(listing).unwrap().device;
		assert_ok!(dispute(BUYER, purchase, 42));
		assert_eq!(fees(device, 0), PRICE * 2 / 100);

		let listing = listed();
		let purchase = buy_as(OTHER, listing, 9);
		deliver(purchase, seal(9, &[8; 32]));
		assert_ok!(dispute(OTHER, purchase, 9));
		assert_eq!(fees(device, 0), PRICE * 2 / 100, "a wrong key sells nothing");
	});
}

#[test]
fn a_refund_counts_nothing() {
	new_test_ext(|| {
		let (listing, purchase) = bought();
		let device = Listings::<Test>::get(listing).unwrap().device;
		System::set_block_number(1 + DELIVERY + 1);
		assert_ok!(DataMarket::refund(RuntimeOrigin::signed(OTHER), purchase));
		assert_eq!(fees(device, 0), 0);
	});
}
