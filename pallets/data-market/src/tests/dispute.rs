//! `dispute` and `dispute_chunk`: the runtime opens the sealed key with the revealed secret,
//! and a chunk of the package with the key.

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
				Event::DisputeWonByBuyer {
					purchase,
					reason: DisputeReason::WrongKey,
					refund: PRICE,
					bond: BOND
				},
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
			reason: DisputeReason::Unopenable,
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

/// A key sealed and a package sealed by libsodium, committed by the root libsodium clients
/// compute: the runtime finds the key right and the chunk opening.
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
			PackageRoot { root: hex(ROOT), chunks: 2 },
			PRICE,
			cid("bafkreiterms"),
			EXPIRES,
			1,
			BOND,
		));
		assert_ok!(DataMarket::buy(RuntimeOrigin::signed(BUYER), 0, PRICE, hex(PK)));
		deliver(0, hex(SEALED));
		let libsodium_chunks = vec![hex_vec(CHUNK_0), hex_vec(CHUNK_1)];
		let shown = evidence(&libsodium_chunks, 1);
		assert_ok!(DataMarket::dispute_chunk(RuntimeOrigin::signed(BUYER), 0, hex(SK), shown));
		assert!(events().contains(&Event::DisputeWonBySeller { purchase: 0, fee: PRICE / 10 }));
	});
}

/// `who` disputes `purchase` with the secret of key pair `seed`, showing `evidence`.
fn dispute_chunk(
	who: u64,
	purchase: PurchaseId,
	seed: u8,
	evidence: ChunkEvidence,
) -> sp_runtime::DispatchResult {
	DataMarket::dispute_chunk(RuntimeOrigin::signed(who), purchase, box_keys(seed).0, evidence)
}

/// [`SELLER`] lists a package of `chunks` committing to [`CONTENT_KEY`]; [`BUYER`] buys it
/// with key pair 42 and gets [`CONTENT_KEY`] delivered. Returns listing and purchase.
fn delivered_package(chunks: &[Vec<u8>]) -> (ListingId, PurchaseId) {
	let listing = NextListingId::<Test>::get();
	assert_ok!(DataMarket::list(
		RuntimeOrigin::signed(SELLER),
		device(),
		cid("bafkreidata"),
		crypto::commitment(&CONTENT_KEY),
		PackageRoot { root: crypto::package::package_root(chunks), chunks: chunks.len() as u32 },
		PRICE,
		cid("bafkreiterms"),
		EXPIRES,
		1,
		BOND,
	));
	let purchase = buy_as(BUYER, listing, 42);
	deliver(purchase, seal(42, &CONTENT_KEY));
	(listing, purchase)
}

/// A package whose chunk 1 another key sealed: the listing commits to the right key, but the
/// key opens only part of the data.
fn bad_package() -> Vec<Vec<u8>> {
	vec![
		crypto::package::seal_chunk(&CONTENT_KEY, 0, b"t,c\n0,4.5\n"),
		crypto::package::seal_chunk(&[8; 32], 1, b"1,4.1\n"),
	]
}

/// The attack the package commitment answers: a seller who commits to the key it delivers
/// and uploads data that key does not decrypt. Judged on the key alone, the seller wins and
/// the buyer pays the dispute fee; shown a chunk, the runtime finds for the buyer.
#[test]
fn a_seller_who_commits_a_key_that_does_not_open_the_data_loses() {
	new_test_ext(|| {
		let chunks = bad_package();
		let (listing, purchase) = delivered_package(&chunks);
		assert_ok!(dispute_chunk(BUYER, purchase, 42, evidence(&chunks, 1)));

		assert_eq!(free(BUYER), START + BOND);
		assert_eq!(free(SELLER), START - BOND);
		assert_eq!(pot_held(HoldReason::Escrow), 0);
		assert!(Listings::<Test>::get(listing).is_none());
		assert!(Packages::<Test>::get(listing).is_none());
		// Listed, Purchased, ListingClosed (sold out), KeyDelivered.
		let tail = events().split_off(4);
		assert_eq!(
			tail,
			vec![
				Event::DisputeWonByBuyer {
					purchase,
					reason: DisputeReason::ChunkDoesNotOpen(1),
					refund: PRICE,
					bond: BOND
				},
				Event::ListingClosed { listing, status: ListingStatus::Forfeited },
				Event::ListingRemoved { listing, bond_returned: 0 },
			]
		);
	});
}

#[test]
fn a_chunk_the_key_opens_loses_the_dispute() {
	new_test_ext(|| {
		let chunks = bad_package();
		let (_, purchase) = delivered_package(&chunks);
		assert_ok!(dispute_chunk(BUYER, purchase, 42, evidence(&chunks, 0)));
		let dispute_fee = PRICE / 10;
		assert_eq!(free(BUYER), START - PRICE - dispute_fee);
		assert!(events().contains(&Event::DisputeWonBySeller { purchase, fee: dispute_fee }));
	});
}

#[test]
fn a_wrong_key_wins_for_the_buyer_whatever_chunk_is_shown() {
	new_test_ext(|| {
		let (_, purchase) = bought();
		deliver(purchase, seal(42, &[8; 32]));
		assert_ok!(dispute_chunk(BUYER, purchase, 42, evidence(&package_chunks(), 1)));
		assert_eq!(free(BUYER), START + BOND);
		assert!(events().iter().any(|e| matches!(
			e,
			Event::DisputeWonByBuyer { reason: DisputeReason::WrongKey, .. }
		)));
	});
}

#[test]
fn a_buyer_who_cannot_pay_the_fee_cannot_dispute_a_chunk_that_opens() {
	new_test_ext(|| {
		let (_, purchase) = delivered();
		leave(BUYER, PRICE / 10 - 1);
		assert_noop!(
			dispute_chunk(BUYER, purchase, 42, evidence(&package_chunks(), 0)),
			Error::<Test>::InsufficientBalance
		);
	});
}

#[test]
fn dispute_chunk_errors() {
	new_test_ext(|| {
		let chunks = package_chunks();
		let (listing, purchase) = bought();
		let shown = || evidence(&chunks, 1);
		assert_noop!(dispute_chunk(BUYER, 9, 42, shown()), Error::<Test>::UnknownPurchase);
		assert_noop!(dispute_chunk(OTHER, purchase, 42, shown()), Error::<Test>::NotBuyer);
		assert_noop!(dispute_chunk(BUYER, purchase, 42, shown()), Error::<Test>::NotDelivered);
		deliver(purchase, seal(42, &CONTENT_KEY));
		assert_noop!(dispute_chunk(BUYER, purchase, 43, shown()), Error::<Test>::SecretMismatch);

		// A chunk sealed by another key, shown as the package's; the right chunk under another
		// index, or beyond the package; a path one sibling short or long.
		let mut forged = chunks.clone();
		forged[1] = crypto::package::seal_chunk(&[8; 32], 1, b"1,4.1\n");
		let mut other_index = shown();
		other_index.index = 0;
		let mut beyond = shown();
		beyond.index = 3;
		let mut short = shown();
		short.path.pop();
		let mut long = shown();
		long.path.try_push([0; 32]).unwrap();
		for bad in [evidence(&forged, 1), other_index, beyond, short, long] {
			assert_noop!(dispute_chunk(BUYER, purchase, 42, bad), Error::<Test>::BadEvidence);
		}

		// A listing made before packages were committed has no root to show a chunk against.
		let package = Packages::<Test>::take(listing);
		assert_noop!(dispute_chunk(BUYER, purchase, 42, shown()), Error::<Test>::NoPackage);
		Packages::<Test>::set(listing, package);

		System::set_block_number(1 + CONFIRMATION + 1);
		assert_noop!(
			dispute_chunk(BUYER, purchase, 42, shown()),
			Error::<Test>::ConfirmationWindowClosed
		);
	});
}
