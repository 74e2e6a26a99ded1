//! `buy`, `deliver`, `confirm`, `refund`, `settle`.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok};
use itc_primitives::device::{testing::MockDevices, DeviceStatus, Role};

/// The event of the helper purchase settling at [`PRICE`] with the 2 % fee.
fn settled(purchase: PurchaseId, confirmed: bool) -> Event<Test> {
	let fee = PRICE * 2 / 100;
	Event::Settled { purchase, seller: SELLER, paid: PRICE - fee, fee, confirmed }
}

#[test]
fn buy_holds_the_price_and_starts_the_delivery_window() {
	new_test_ext(|| {
		let listing = listed();
		let (_, key) = box_keys(42);
		assert_ok!(DataMarket::buy(RuntimeOrigin::signed(BUYER), listing, PRICE, key));

		let purchase = Purchases::<Test>::get(0).unwrap();
		assert_eq!((purchase.listing, purchase.buyer, purchase.seller), (listing, BUYER, SELLER));
		assert_eq!((purchase.amount, purchase.buyer_key, purchase.bounty), (PRICE, key, None));
		let deliver_by = 1 + DELIVERY;
		assert_eq!(purchase.state, PurchaseState::AwaitingDelivery { deliver_by });
		assert_eq!(pot_held(HoldReason::Escrow), PRICE);
		assert_eq!(free(BUYER), START - PRICE);
		let stored = Listings::<Test>::get(listing).unwrap();
		assert_eq!((stored.sold, stored.open_purchases), (1, 1));
		assert_eq!(Deadlines::<Test>::get(deliver_by + 1).to_vec(), vec![Deadline::Delivery(0)]);
		assert_eq!(
			events().last(),
			Some(&Event::Purchased {
				purchase: 0,
				listing,
				buyer: BUYER,
				amount: PRICE,
				buyer_key: key,
				deliver_by
			})
		);
	});
}

#[test]
fn the_last_sale_closes_the_listing() {
	new_test_ext(|| {
		let listing = list_as(SELLER, device(), 2);
		buy_as(BUYER, listing, 1);
		assert_eq!(Listings::<Test>::get(listing).unwrap().status, ListingStatus::Open);
		buy_as(OTHER, listing, 2);
		assert_eq!(Listings::<Test>::get(listing).unwrap().status, ListingStatus::SoldOut);
		assert!(
			events().contains(&Event::ListingClosed { listing, status: ListingStatus::SoldOut })
		);
		assert_noop!(
			DataMarket::buy(RuntimeOrigin::signed(SELLER2), listing, PRICE, [1; 32]),
			Error::<Test>::ListingClosed
		);
	});
}

#[test]
fn buy_errors() {
	new_test_ext(|| {
		let listing = listed();
		let buy = |who, id, max| DataMarket::buy(RuntimeOrigin::signed(who), id, max, [1; 32]);
		assert_noop!(buy(BUYER, 9, PRICE), Error::<Test>::UnknownListing);
		assert_noop!(buy(BUYER, listing, PRICE - 1), Error::<Test>::PriceAboveMax);
		assert_noop!(buy(SELLER, listing, PRICE), Error::<Test>::BuyerIsSeller);
		leave(OTHER, PRICE - 1);
		assert_noop!(buy(OTHER, listing, PRICE), Error::<Test>::InsufficientBalance);
		NextPurchaseId::<Test>::put(PurchaseId::MAX);
		assert_noop!(buy(BUYER, listing, PRICE), Error::<Test>::Overflow);
		NextPurchaseId::<Test>::put(0);
		System::set_block_number(EXPIRES + 1);
		assert_noop!(buy(BUYER, listing, PRICE), Error::<Test>::ListingExpired);
	});
}

#[test]
fn buy_requires_the_device_still_active_and_owned_by_the_seller() {
	new_test_ext(|| {
		let listing = listed();
		let device = device();
		let buy = || DataMarket::buy(RuntimeOrigin::signed(BUYER), listing, PRICE, [1; 32]);
		MockDevices::set_status(&device, DeviceStatus::Suspended { by: Role::Governance });
		assert_noop!(buy(), Error::<Test>::DeviceUnavailable);
		MockDevices::set_status(&device, DeviceStatus::Active);
		MockDevices::set_manufacturer_approved(0, false);
		assert_noop!(buy(), Error::<Test>::DeviceUnavailable);
		MockDevices::set_manufacturer_approved(0, true);
		MockDevices::set_owner(&device, &OTHER);
		assert_noop!(buy(), Error::<Test>::DeviceUnavailable);
		MockDevices::set_owner(&device, &SELLER);
		assert_ok!(buy());
	});
}

#[test]
fn deliver_stores_the_sealed_key_and_starts_the_confirmation_window() {
	new_test_ext(|| {
		let (_, purchase) = bought();
		System::set_block_number(5);
		let sealed_key = seal(42, &CONTENT_KEY);
		assert_ok!(DataMarket::deliver(RuntimeOrigin::signed(SELLER), purchase, sealed_key));

		let confirm_by = 5 + CONFIRMATION;
		assert_eq!(
			Purchases::<Test>::get(purchase).unwrap().state,
			PurchaseState::Delivered { sealed_key, confirm_by }
		);
		assert_eq!(
			Deadlines::<Test>::get(confirm_by + 1).to_vec(),
			vec![Deadline::Confirmation(purchase)]
		);
		assert_eq!(
			events().last(),
			Some(&Event::KeyDelivered { purchase, sealed_key, confirm_by })
		);
		// The buyer opens it with the purchase's secret.
		let secret = crypto_box::SecretKey::from(box_keys(42).0);
		assert_eq!(secret.unseal(&sealed_key).unwrap(), CONTENT_KEY.to_vec());
	});
}

#[test]
fn deliver_errors() {
	new_test_ext(|| {
		let (_, purchase) = bought();
		let sealed = seal(42, &CONTENT_KEY);
		let deliver = |who, id| DataMarket::deliver(RuntimeOrigin::signed(who), id, sealed);
		assert_noop!(deliver(SELLER, 9), Error::<Test>::UnknownPurchase);
		assert_noop!(deliver(BUYER, purchase), Error::<Test>::NotSeller);
		System::set_block_number(1 + DELIVERY + 1);
		assert_noop!(deliver(SELLER, purchase), Error::<Test>::DeliveryWindowClosed);
		System::set_block_number(1 + DELIVERY);
		assert_ok!(deliver(SELLER, purchase));
		assert_noop!(deliver(SELLER, purchase), Error::<Test>::AlreadyDelivered);
	});
}

#[test]
fn confirm_pays_the_seller_minus_the_market_fee() {
	new_test_ext(|| {
		let (listing, purchase) = delivered();
		assert_ok!(DataMarket::confirm(RuntimeOrigin::signed(BUYER), purchase));

		let fee = PRICE * 2 / 100;
		assert_eq!(free(SELLER), START - BOND + PRICE - fee);
		assert_eq!(free(FUND), START + fee);
		assert_eq!(free(BUYER), START - PRICE);
		assert_eq!(pot_held(HoldReason::Escrow), 0);
		assert!(Purchases::<Test>::get(purchase).is_none());
		assert_eq!(Listings::<Test>::get(listing).unwrap().open_purchases, 0);
		assert_eq!(events().last(), Some(&settled(purchase, true)));
	});
}

#[test]
fn confirm_errors() {
	new_test_ext(|| {
		let (_, purchase) = bought();
		let confirm = |who, id| DataMarket::confirm(RuntimeOrigin::signed(who), id);
		assert_noop!(confirm(BUYER, 9), Error::<Test>::UnknownPurchase);
		assert_noop!(confirm(OTHER, purchase), Error::<Test>::NotBuyer);
		assert_noop!(confirm(BUYER, purchase), Error::<Test>::NotDelivered);
	});
}

#[test]
fn refund_returns_the_payment_when_the_key_is_late() {
	new_test_ext(|| {
		let (listing, purchase) = bought();
		System::set_block_number(1 + DELIVERY + 1);
		assert_ok!(DataMarket::refund(RuntimeOrigin::signed(OTHER), purchase));
		assert_eq!(free(BUYER), START);
		assert!(Purchases::<Test>::get(purchase).is_none());
		assert_eq!(pot_held(HoldReason::SellerBond), BOND, "no penalty for not delivering");
		assert_eq!(Listings::<Test>::get(listing).unwrap().open_purchases, 0);
		assert_eq!(
			events().last(),
			Some(&Event::Refunded { purchase, buyer: BUYER, amount: PRICE })
		);
	});
}

#[test]
fn refund_errors() {
	new_test_ext(|| {
		let (_, purchase) = bought();
		let refund = |id| DataMarket::refund(RuntimeOrigin::signed(OTHER), id);
		assert_noop!(refund(9), Error::<Test>::UnknownPurchase);
		System::set_block_number(1 + DELIVERY);
		assert_noop!(refund(purchase), Error::<Test>::DeliveryWindowOpen);
		assert_ok!(DataMarket::deliver(
			RuntimeOrigin::signed(SELLER),
			purchase,
			seal(42, &[0; 32])
		));
		System::set_block_number(1 + DELIVERY + 1);
		assert_noop!(refund(purchase), Error::<Test>::AlreadyDelivered);
	});
}

#[test]
fn settle_pays_the_seller_after_the_confirmation_window() {
	new_test_ext(|| {
		let (_, purchase) = delivered();
		System::set_block_number(1 + CONFIRMATION + 1);
		assert_ok!(DataMarket::settle(RuntimeOrigin::signed(OTHER), purchase));
		let fee = PRICE * 2 / 100;
		assert_eq!(free(SELLER), START - BOND + PRICE - fee);
		assert_eq!(events().last(), Some(&settled(purchase, false)));
	});
}

#[test]
fn settle_errors() {
	new_test_ext(|| {
		let (_, purchase) = bought();
		let settle = |id| DataMarket::settle(RuntimeOrigin::signed(OTHER), id);
		assert_noop!(settle(9), Error::<Test>::UnknownPurchase);
		assert_noop!(settle(purchase), Error::<Test>::NotDelivered);
		assert_ok!(DataMarket::deliver(
			RuntimeOrigin::signed(SELLER),
			purchase,
			seal(42, &[0; 32])
		));
		System::set_block_number(1 + CONFIRMATION);
		assert_noop!(settle(purchase), Error::<Test>::ConfirmationWindowOpen);
	});
}

#[test]
fn a_buyer_needs_the_price_plus_the_existential_deposit() {
	new_test_ext(|| {
		let listing = listed();
		let buy = || DataMarket::buy(RuntimeOrigin::signed(OTHER), listing, PRICE, box_keys(1).1);
		leave(OTHER, PRICE);
		assert_noop!(buy(), Error::<Test>::InsufficientBalance);
		Balances::transfer_allow_death(RuntimeOrigin::signed(FUND), OTHER, 1).unwrap();
		assert_ok!(buy());
		let purchase = NextPurchaseId::<Test>::get() - 1;
		assert_ok!(DataMarket::deliver(
			RuntimeOrigin::signed(SELLER),
			purchase,
			seal(1, &CONTENT_KEY)
		));
		assert_ok!(DataMarket::confirm(RuntimeOrigin::signed(OTHER), purchase));
		assert_eq!(free(OTHER), 1);
	});
}

#[test]
fn buy_rejects_keys_nobody_can_seal_to_safely() {
	new_test_ext(|| {
		let listing = listed();
		let (_, good) = box_keys(42);
		let mut top_bit = good;
		top_bit[31] |= 0x80;
		// The encodings libsodium refuses to seal to (checked against libsodium 0.8.4: the
		// small-order points, with the top bit clear or set), and another encoding of a good key.
		let zero = [0u8; 32];
		let mut one = [0u8; 32];
		one[0] = 1;
		let mut p = [0xff; 32];
		p[0] = 0xed;
		p[31] = 0x7f;
		for key in [zero, one, p, top_bit] {
			assert_noop!(
				DataMarket::buy(RuntimeOrigin::signed(BUYER), listing, PRICE, key),
				Error::<Test>::WeakBuyerKey
			);
		}
		assert_ok!(DataMarket::buy(RuntimeOrigin::signed(BUYER), listing, PRICE, good));
	});
}

#[test]
fn a_refund_gives_the_sale_back_and_reopens_a_sold_out_listing() {
	new_test_ext(|| {
		let listing = list_as(SELLER, device(), 1);
		let purchase = buy_as(BUYER, listing, 1);
		assert_eq!(Listings::<Test>::get(listing).unwrap().status, ListingStatus::SoldOut);
		run_to(1 + DELIVERY + 1); // the hook refunds
		assert!(Purchases::<Test>::get(purchase).is_none());
		let stored = Listings::<Test>::get(listing).expect("reopened, not removed");
		assert_eq!(
			(stored.status, stored.sold, stored.open_purchases),
			(ListingStatus::Open, 0, 0)
		);
		assert!(events().contains(&Event::ListingReopened { listing }));
		assert_eq!(pot_held(HoldReason::SellerBond), BOND);
		buy_as(OTHER, listing, 2); // it sells again
		assert_eq!(Listings::<Test>::get(listing).unwrap().status, ListingStatus::SoldOut);
	});
}

#[test]
fn a_refund_after_expiry_does_not_reopen() {
	new_test_ext(|| {
		let listing = list_as(SELLER, device(), 1);
		System::set_block_number(EXPIRES);
		let purchase = buy_as(BUYER, listing, 1);
		System::set_block_number(EXPIRES + DELIVERY + 1);
		assert_ok!(DataMarket::refund(RuntimeOrigin::signed(OTHER), purchase));
		assert!(Listings::<Test>::get(listing).is_none(), "closed, nothing open: removed");
		assert!(!events().contains(&Event::ListingReopened { listing }));
		assert_eq!(free(SELLER), START, "the bond went back");
	});
}

#[test]
fn a_listing_a_dispute_forfeited_never_reopens() {
	new_test_ext(|| {
		// Sold out to two buyers; the seller cheats one, who wins the bond.
		let listing = list_as(SELLER, device(), 2);
		let wronged = buy_as(BUYER, listing, 1);
		let other = buy_as(OTHER, listing, 2);
		assert_ok!(DataMarket::deliver(RuntimeOrigin::signed(SELLER), wronged, seal(1, &[0; 32])));
		assert_ok!(dispute(BUYER, wronged, 1));
		assert_eq!(Listings::<Test>::get(listing).unwrap().status, ListingStatus::Forfeited);
		// The other purchase is refunded: the listing closes instead of selling again without
		// a bond.
		run_to(1 + DELIVERY + 1);
		assert!(Purchases::<Test>::get(other).is_none());
		assert!(Listings::<Test>::get(listing).is_none());
		assert!(!events().contains(&Event::ListingReopened { listing }));
	});
}
