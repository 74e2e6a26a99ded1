//! `dispute`: the runtime opens the sealed key with the revealed secret.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok};

#[test]
fn a_right_key_pays_the_seller_and_costs_the_buyer_the_fee() {
	new_test_ext(|| {
		let (_, purchase) = delivered();
		assert_ok!(dispute(BUYER, purchase, 42));

		let market_fee = PRICE * 2 / 100;
		let dispute_fee = PRICE / 10;
		assert_eq!(free(SELLER), START - BOND + PRICE - market_fee + dispute_fee);
		assert_eq!(free(BUYER), START - PRICE - dispute_fee);
		assert_eq!(free(FUND), START + market_fee);
		assert!(Purchases::<Test>::get(purchase).is_none());
		let tail = events().split_off(3);
		assert_eq!(
			tail,
			vec![
				Event::DisputeWonBySeller { purchase, fee: dispute_fee },
				Event::Settled {
					purchase,
					seller: SELLER,
					paid: PRICE - market_fee,
					fee: market_fee,
					confirmed: false
				},
			]
		);
	});
}

#[test]
fn a_wrong_key_refunds_the_buyer_and_pays_them_the_bond() {
	new_test_ext(|| {
		let (listing, purchase) = bought();
		deliver(purchase, seal(42, &[8; 32]));
		assert_ok!(dispute(BUYER, purchase, 42));

		assert_eq!(free(BUYER), START + BOND);
		assert_eq!(free(SELLER), START - BOND);
		assert_eq!(pot_held(HoldReason::SellerBond), 0);
		// Closed as forfeited, with no open purchase: removed.
		assert!(Listings::<Test>::get(listing).is_none());
		let tail = events().split_off(3);
		assert_eq!(
			tail,
			vec![
				Event::DisputeWonByBuyer { purchase, opened: true, refund: PRICE, bond: BOND },
				Event::ListingClosed { listing, status: ListingStatus::Forfeited },
				Event::ListingRemoved { listing, bond_returned: 0 },
			]
		);
	});
}

#[test]
fn a_box_that_does_not_open_refunds_the_buyer() {
	new_test_ext(|| {
		let (_, purchase) = bought();
		// Sealed to another key: the buyer's secret cannot open it.
		deliver(purchase, seal(7, &CONTENT_KEY));
		assert_ok!(dispute(BUYER, purchase, 42));
		assert_eq!(free(BUYER), START + BOND);
		assert!(events().contains(&Event::DisputeWonByBuyer {
			purchase,
			opened: false,
			refund: PRICE,
			bond: BOND
		}));
	});
}

#[test]
fn after_a_forfeit_other_purchases_go_on_without_a_bond() {
	new_test_ext(|| {
		let listing = listed();
		let first = buy_as(BUYER, listing, 1);
		let second = buy_as(OTHER, listing, 2);
		deliver(first, seal(1, &[0; 32]));
		deliver(second, seal(2, &[0; 32]));
		assert_ok!(dispute(BUYER, first, 1));
		let stored = Listings::<Test>::get(listing).unwrap();
		assert_eq!(
			(stored.status, stored.bond, stored.open_purchases),
			(ListingStatus::Forfeited, 0, 1)
		);

		assert_ok!(dispute(OTHER, second, 2));
		assert_eq!(free(OTHER), START, "refunded, but the bond is gone");
		assert!(Listings::<Test>::get(listing).is_none());
	});
}

#[test]
fn a_withdrawn_listing_still_forfeits_its_bond() {
	new_test_ext(|| {
		let (listing, purchase) = bought();
		assert_ok!(DataMarket::withdraw_listing(RuntimeOrigin::signed(SELLER), listing));
		deliver(purchase, seal(42, &[0; 32]));
		assert_ok!(dispute(BUYER, purchase, 42));
		assert_eq!(free(BUYER), START + BOND);
		assert!(
			!events().contains(&Event::ListingClosed { listing, status: ListingStatus::Forfeited })
		);
	});
}

#[test]
fn dispute_errors() {
	new_test_ext(|| {
		let (_, purchase) = bought();
		assert_noop!(dispute(BUYER, 9, 42), Error::<Test>::UnknownPurchase);
		assert_noop!(dispute(OTHER, purchase, 42), Error::<Test>::NotBuyer);
		assert_noop!(dispute(BUYER, purchase, 42), Error::<Test>::NotDelivered);
		deliver(purchase, seal(42, &CONTENT_KEY));
		assert_noop!(dispute(BUYER, purchase, 43), Error::<Test>::SecretMismatch);
		System::set_block_number(1 + CONFIRMATION + 1);
		assert_noop!(dispute(BUYER, purchase, 42), Error::<Test>::ConfirmationWindowClosed);
	});
}

#[test]
fn a_buyer_who_cannot_pay_the_fee_cannot_dispute_a_right_key() {
	new_test_ext(|| {
		let (_, purchase) = delivered();
		leave(BUYER, PRICE / 10 - 1);
		assert_noop!(dispute(BUYER, purchase, 42), Error::<Test>::InsufficientBalance);
	});
}

#[test]
fn a_buyer_who_cannot_pay_the_fee_still_wins_on_a_wrong_key() {
	new_test_ext(|| {
		let (_, purchase) = bought();
		deliver(purchase, seal(42, &[0; 32]));
		leave(BUYER, 1);
		assert_ok!(dispute(BUYER, purchase, 42));
		assert_eq!(free(BUYER), 1 + PRICE + BOND);
	});
}

#[test]
fn the_libsodium_vector_is_judged_right_on_chain() {
	use crate::crypto::vector::*;
	new_test_ext(|| {
		let device = device();
		let commitment = hex::<32>(COMMITMENT);
		assert_ok!(DataMarket::list(
			RuntimeOrigin::signed(SELLER),
			device,
			cid("bafkreidata"),
			commitment,
			PRICE,
			cid("bafkreiterms"),
			EXPIRES,
			1,
			BOND,
		));
		assert_ok!(DataMarket::buy(RuntimeOrigin::signed(BUYER), 0, PRICE, hex(PK)));
		deliver(0, hex(SEALED));
		assert_ok!(DataMarket::dispute(RuntimeOrigin::signed(BUYER), 0, hex(SK)));
		assert!(events().contains(&Event::DisputeWonBySeller { purchase: 0, fee: PRICE / 10 }));
	});
}
