//! The pot: committed money leaves the payer, payouts cannot be blocked by the payer, and a
//! payout its recipient cannot receive is redirected, never lost or stuck.

use crate::{mock::*, *};
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::{Inspect, Mutate},
		tokens::Preservation,
		GetStorageVersion, OnRuntimeUpgrade, StorageVersion,
	},
};

fn redirected(intended: u64, to: u64, amount: u64) -> Event<Test> {
	Event::PayoutRedirected { intended, to, amount }
}

/// Raises the existential deposit to twice the price, so that a payment of the price cannot
/// create an account; [`SELLER2`] tops the pot up to it.
fn dear_existential_deposit() {
	ExistentialDeposit::set(2 * PRICE);
	assert_ok!(DataMarket::ensure_pot(&SELLER2));
}

/// Moves all of `who`'s balance to `to`: the account is reaped.
fn reap(who: u64, to: u64) {
	assert_ok!(<Balances as Mutate<u64>>::transfer(&who, &to, free(who), Preservation::Expendable));
	assert!(!System::account_exists(&who));
}

#[test]
fn committed_money_leaves_the_payer_for_the_pot() {
	new_test_ext(|| {
		let (_, purchase) = bought();
		assert_eq!((pot_held(HoldReason::SellerBond), pot_held(HoldReason::Escrow)), (BOND, PRICE));
		assert_eq!(held(HoldReason::SellerBond, SELLER) + held(HoldReason::Escrow, BUYER), 0);
		assert_eq!((free(SELLER), free(BUYER)), (START - BOND, START - PRICE));
		assert_eq!(Balances::total_balance(&BUYER), START - PRICE, "the escrow is not the buyer's");
		assert!(Purchases::<Test>::get(purchase).is_some());
	});
}

#[test]
fn a_buyer_cannot_commit_frozen_money() {
	new_test_ext(|| {
		let listing = listed();
		freeze(BUYER, START - PRICE + 1);
		assert_noop!(
			DataMarket::buy(RuntimeOrigin::signed(BUYER), listing, PRICE, box_keys(1).1),
			Error::<Test>::InsufficientBalance
		);
		freeze(BUYER, START - PRICE);
		buy_as(BUYER, listing, 1);
		assert_eq!(Balances::total_balance(&BUYER), START - PRICE, "the freeze still stands");
	});
}

#[test]
fn a_seller_cannot_bond_frozen_money() {
	new_test_ext(|| {
		freeze(SELLER, START - BOND + 1);
		let call = DataMarket::list(
			RuntimeOrigin::signed(SELLER),
			device(),
			cid("bafkreidata"),
			crypto::commitment(&CONTENT_KEY),
			package(),
			PRICE,
			cid("bafkreiterms"),
			EXPIRES,
			1,
			BOND,
		);
		assert_noop!(call, Error::<Test>::InsufficientBalance);
	});
}

#[test]
fn a_freeze_on_the_buyer_does_not_stop_the_seller_being_paid() {
	new_test_ext(|| {
		let (_, purchase) = delivered();
		freeze(BUYER, START);
		assert_ok!(DataMarket::confirm(RuntimeOrigin::signed(BUYER), purchase));
		assert_eq!(free(SELLER), START - BOND + PRICE - PRICE * 2 / 100);
		assert_eq!(free(FUND), START + PRICE * 2 / 100);
		assert!(Purchases::<Test>::get(purchase).is_none());
	});
}

#[test]
fn a_freeze_on_the_seller_does_not_stop_the_bond_being_forfeited() {
	new_test_ext(|| {
		let (listing, purchase) = bought();
		deliver(purchase, seal(42, &[8; 32]));
		freeze(SELLER, START);
		assert_ok!(dispute(BUYER, purchase, 42));
		assert_eq!(free(BUYER), START + BOND);
		assert!(events().contains(&Event::DisputeWonByBuyer {
			purchase,
			reason: DisputeReason::WrongKey,
			refund: PRICE,
			bond: BOND
		}));
		assert!(Listings::<Test>::get(listing).is_none());
	});
}

/// A seller who lost a dispute holds nothing any more and may empty their account; the other
/// purchase of the listing still settles.
fn reaped_seller_with_an_honest_purchase() -> PurchaseId {
	dear_existential_deposit();
	let listing = listed();
	let wronged = buy_as(BUYER, listing, 1);
	let honest = buy_as(OTHER, listing, 2);
	deliver(wronged, seal(1, &[0; 32]));
	deliver(honest, seal(2, &CONTENT_KEY));
	assert_ok!(dispute(BUYER, wronged, 1));
	reap(SELLER, SELLER2);
	honest
}

#[test]
fn a_payout_to_a_reaped_seller_goes_to_the_fund() {
	new_test_ext(|| {
		let honest = reaped_seller_with_an_honest_purchase();
		assert_ok!(DataMarket::confirm(RuntimeOrigin::signed(OTHER), honest));
		let paid = PRICE - PRICE * 2 / 100;
		assert!(events().contains(&redirected(SELLER, FUND, paid)));
		assert_eq!(free(FUND), START + PRICE);
		assert!(!System::account_exists(&SELLER));
	});
}

#[test]
fn a_dispute_fee_for_a_reaped_seller_goes_to_the_fund() {
	new_test_ext(|| {
		let honest = reaped_seller_with_an_honest_purchase();
		assert_ok!(dispute(OTHER, honest, 2));
		assert!(events().contains(&redirected(SELLER, FUND, PRICE / 10)));
		assert_eq!(free(FUND), START + PRICE / 10 + PRICE);
		assert_eq!(free(OTHER), START - PRICE - PRICE / 10);
	});
}

#[test]
fn a_refund_to_a_reaped_buyer_goes_to_the_fund() {
	new_test_ext(|| {
		dear_existential_deposit();
		let (_, purchase) = bought();
		reap(BUYER, OTHER);
		run_to(1 + DELIVERY + 1);
		assert!(Purchases::<Test>::get(purchase).is_none());
		assert!(events().contains(&redirected(BUYER, FUND, PRICE)));
		assert_eq!(free(FUND), START + PRICE);
	});
}

#[test]
fn a_payout_no_one_can_receive_stays_in_the_pot() {
	new_test_ext(|| {
		let honest = reaped_seller_with_an_honest_purchase();
		reap(FUND, SELLER2);
		let pot_before = free(DataMarket::pot());
		assert_ok!(DataMarket::confirm(RuntimeOrigin::signed(OTHER), honest));
		let fee = PRICE * 2 / 100;
		let pot = DataMarket::pot();
		assert!(events().contains(&redirected(FUND, pot, fee)));
		assert!(events().contains(&redirected(SELLER, pot, PRICE - fee)));
		assert_eq!(free(pot), pot_before + PRICE);
	});
}

#[test]
fn the_first_payer_gives_a_missing_pot_its_deposit() {
	new_test_ext(|| {
		reap(DataMarket::pot(), FUND);
		listed();
		assert_eq!(free(SELLER), START - BOND - 1);
		assert_eq!(free(DataMarket::pot()), 1);
		assert_eq!(pot_held(HoldReason::SellerBond), BOND);
	});
}

#[test]
fn the_v2_migration_moves_every_hold_to_the_pot() {
	new_test_ext(|| {
		// A version 1 chain: the same records, with the money held on the payers' accounts
		// and no pot.
		let (_, purchase) = bought();
		let bounty = NextBountyId::<Test>::get();
		assert_ok!(DataMarket::post_bounty(
			RuntimeOrigin::signed(OTHER),
			cid("bafkreirequest"),
			100,
			3,
			50
		));
		let listing = Purchases::<Test>::get(purchase).unwrap().listing;
		let device = Listings::<Test>::get(listing).unwrap().device;
		let same_device = list_as(SELLER, device, 1);
		to_version_1(&[
			(HoldReason::Escrow, BUYER, PRICE),
			(HoldReason::SellerBond, SELLER, 2 * BOND),
			(HoldReason::BountyEscrow, OTHER, 300),
		]);
		// Version 1 bounties list answers by listing only, and allowed several of one device:
		// one of a listing that exists, one of a listing that is gone, and another listing of
		// the first one's device.
		let old = crate::migrations::v2::OldBounty::<Test> {
			buyer: OTHER,
			request: cid("bafkreirequest"),
			reward: 100,
			max_accepted: 3,
			accepted: 0,
			deadline: 50,
			answers: vec![listing, 999, same_device].try_into().unwrap(),
		};
		frame_support::storage::unhashed::put(&Bounties::<Test>::hashed_key_for(bounty), &old);

		crate::migrations::v2::MoveHoldsToPot::<Test>::on_runtime_upgrade();

		assert_eq!(DataMarket::on_chain_storage_version(), 2);
		assert_eq!(held(HoldReason::Escrow, BUYER), 0);
		assert_eq!(held(HoldReason::SellerBond, SELLER), 0);
		assert_eq!(held(HoldReason::BountyEscrow, OTHER), 0);
		assert_eq!(pot_held(HoldReason::Escrow), PRICE);
		assert_eq!(pot_held(HoldReason::BountyEscrow), 300);
		assert_eq!(free(DataMarket::pot()), 1, "the fund gave the pot its deposit");
		let stored = Bounties::<Test>::get(bounty).unwrap();
		assert_eq!(stored.answers.to_vec(), vec![Answer { listing, device }]);
		assert!(stored.rejected.is_empty() && Purchases::<Test>::get(purchase).is_some());
		// Run twice, it changes nothing.
		crate::migrations::v2::MoveHoldsToPot::<Test>::on_runtime_upgrade();
		assert_eq!(pot_held(HoldReason::SellerBond), 2 * BOND);
	});
}

/// Turns the chain into a version 1 chain: `holds` back on the payers' accounts, no pot.
fn to_version_1(holds: &[(HoldReason, u64, u64)]) {
	use frame_support::traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision, Restriction},
	};
	let pot = DataMarket::pot();
	for (reason, who, amount) in holds {
		assert_ok!(Balances::transfer_on_hold(
			&(*reason).into(),
			&pot,
			who,
			*amount,
			Precision::Exact,
			Restriction::OnHold,
			Fortitude::Force
		));
	}
	reap(pot, FUND);
	StorageVersion::new(1).put::<DataMarket>();
}

#[test]
fn the_v2_migration_gives_up_commitments_a_freeze_still_needs() {
	new_test_ext(|| {
		// Version 1 let a buyer commit frozen money, and paid escrow out Politely (so never,
		// while frozen). Moving it with Force would let the frozen money out.
		let (listing, purchase) = bought();
		to_version_1(&[(HoldReason::Escrow, BUYER, PRICE), (HoldReason::SellerBond, SELLER, BOND)]);
		freeze(BUYER, START);

		crate::migrations::v2::MoveHoldsToPot::<Test>::on_runtime_upgrade();

		assert!(Purchases::<Test>::get(purchase).is_none(), "refunded");
		assert_eq!((free(BUYER), held(HoldReason::Escrow, BUYER)), (START, 0));
		assert!(events().contains(&Event::Refunded { purchase, buyer: BUYER, amount: PRICE }));
		assert_eq!(Balances::total_balance(&BUYER), START, "the freeze stands");
		// The seller's bond moved: the listing goes on.
		assert_eq!(pot_held(HoldReason::SellerBond), BOND);
		assert_eq!(Listings::<Test>::get(listing).unwrap().status, ListingStatus::Open);
	});
}

#[test]
fn the_v2_migration_closes_a_listing_whose_bond_a_freeze_still_needs() {
	new_test_ext(|| {
		let listing = listed();
		to_version_1(&[(HoldReason::SellerBond, SELLER, BOND)]);
		freeze(SELLER, START);

		crate::migrations::v2::MoveHoldsToPot::<Test>::on_runtime_upgrade();

		assert!(Listings::<Test>::get(listing).is_none(), "closed with no bond, nothing open");
		assert_eq!((free(SELLER), held(HoldReason::SellerBond, SELLER)), (START, 0));
		assert!(
			events().contains(&Event::ListingClosed { listing, status: ListingStatus::Withdrawn })
		);
	});
}

#[test]
fn the_v2_migration_keeps_the_sale_of_a_delivered_purchase_it_gives_up() {
	new_test_ext(|| {
		let listing = list_as(SELLER, device(), 1);
		let purchase = buy_as(BUYER, listing, 42);
		deliver(purchase, seal(42, &CONTENT_KEY));
		to_version_1(&[(HoldReason::Escrow, BUYER, PRICE), (HoldReason::SellerBond, SELLER, BOND)]);
		freeze(BUYER, START);

		crate::migrations::v2::MoveHoldsToPot::<Test>::on_runtime_upgrade();

		// The buyer has the key: the sale stands and the listing stays sold out.
		assert!(Purchases::<Test>::get(purchase).is_none());
		assert!(Listings::<Test>::get(listing).is_none(), "sold out, nothing open: removed");
		assert!(!events().contains(&Event::ListingReopened { listing }));
		assert_eq!(free(SELLER), START, "its bond came back");
	});
}

#[test]
fn a_listing_the_migration_left_without_a_bond_never_reopens() {
	new_test_ext(|| {
		let listing = list_as(SELLER, device(), 1);
		let purchase = buy_as(BUYER, listing, 42);
		to_version_1(&[(HoldReason::Escrow, BUYER, PRICE), (HoldReason::SellerBond, SELLER, BOND)]);
		freeze(SELLER, START);

		crate::migrations::v2::MoveHoldsToPot::<Test>::on_runtime_upgrade();
		assert_eq!(Listings::<Test>::get(listing).unwrap().bond, 0);

		run_to(1 + DELIVERY + 1); // the hook refunds the undelivered purchase
		assert!(Purchases::<Test>::get(purchase).is_none());
		assert!(Listings::<Test>::get(listing).is_none(), "closed, not reopened without a bond");
		assert!(!events().contains(&Event::ListingReopened { listing }));
	});
}
