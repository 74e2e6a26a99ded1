//! The deadline queue and `on_initialize`.

use crate::{mock::*, weights::WeightInfo, *};
use frame_support::{assert_ok, traits::Hooks};

#[test]
fn the_hook_refunds_an_undelivered_purchase_the_block_after_the_window() {
	new_test_ext(|| {
		let (_, purchase) = bought();
		run_to(1 + DELIVERY);
		assert!(Purchases::<Test>::get(purchase).is_some());
		run_to(1 + DELIVERY + 1);
		assert!(Purchases::<Test>::get(purchase).is_none());
		assert_eq!(free(BUYER), START);
		assert!(events().contains(&Event::Refunded { purchase, buyer: BUYER, amount: PRICE }));
	});
}

#[test]
fn the_hook_pays_the_seller_when_the_buyer_stays_silent() {
	new_test_ext(|| {
		let (_, purchase) = delivered();
		run_to(1 + CONFIRMATION);
		assert!(Purchases::<Test>::get(purchase).is_some());
		run_to(1 + CONFIRMATION + 1);
		assert!(Purchases::<Test>::get(purchase).is_none());
		assert_eq!(free(SELLER), START - BOND + PRICE - PRICE * 2 / 100);
	});
}

#[test]
fn the_hook_skips_deadlines_that_no_longer_apply() {
	new_test_ext(|| {
		let (_, purchase) = delivered();
		run_to(1 + DELIVERY + 1);
		assert!(Purchases::<Test>::get(purchase).is_some(), "delivered: no refund");
		assert_ok!(DataMarket::confirm(RuntimeOrigin::signed(BUYER), purchase));
		let settled = events().len();
		run_to(1 + CONFIRMATION + 1);
		assert_eq!(events().len(), settled, "already settled: nothing more happens");
	});
}

#[test]
fn the_hook_expires_listings_and_follows_a_moved_expiry() {
	new_test_ext(|| {
		let listing = listed();
		assert_ok!(DataMarket::update_listing(
			RuntimeOrigin::signed(SELLER),
			listing,
			PRICE,
			200,
			5
		));
		run_to(EXPIRES + 1);
		assert_eq!(Listings::<Test>::get(listing).unwrap().status, ListingStatus::Open);
		run_to(201);
		assert!(Listings::<Test>::get(listing).is_none());
		assert_eq!(free(SELLER), START);
	});
}

#[test]
fn the_hook_closes_bounties_at_their_deadline() {
	new_test_ext(|| {
		assert_ok!(DataMarket::post_bounty(
			RuntimeOrigin::signed(BUYER),
			cid("bafkreiq"),
			10,
			3,
			30
		));
		run_to(30);
		assert!(Bounties::<Test>::get(0).is_some());
		run_to(31);
		assert!(Bounties::<Test>::get(0).is_none());
		assert_eq!(free(BUYER), START);
	});
}

#[test]
fn a_full_block_queue_spills_into_the_next_blocks() {
	new_test_ext(|| {
		let listing = list_as(SELLER, device(), 100);
		// Four per block (the mock's MaxDeadlinesPerBlock): the fifth goes one block later.
		for seed in 0..5 {
			buy_as(BUYER, listing, seed);
		}
		let at = 1 + DELIVERY + 1;
		assert_eq!(Deadlines::<Test>::get(at).len(), 4);
		assert_eq!(Deadlines::<Test>::get(at + 1).to_vec(), vec![Deadline::Delivery(4)]);

		run_to(at);
		assert_eq!(Purchases::<Test>::iter().count(), 1);
		run_to(at + 1);
		assert_eq!(Purchases::<Test>::iter().count(), 0);
		assert_eq!(free(BUYER), START);
	});
}

#[test]
fn a_deadline_with_no_room_is_left_to_the_calls() {
	new_test_ext(|| {
		let listing = list_as(SELLER, device(), 100);
		// Fill the queue of the refund block and the seven after it.
		let at = 1 + DELIVERY + 1;
		for block in at..at + deadlines_probes() {
			Deadlines::<Test>::insert(
				block,
				frame_support::BoundedVec::truncate_from(vec![Deadline::BountyDeadline(9); 4]),
			);
		}
		let purchase = buy_as(BUYER, listing, 1);
		assert!(events().contains(&Event::DeadlineNotQueued {
			deadline: Deadline::Delivery(purchase),
			at: at + deadlines_probes()
		}));

		run_to(at + 20);
		assert!(Purchases::<Test>::get(purchase).is_some(), "the hook never sees it");
		assert_ok!(DataMarket::refund(RuntimeOrigin::signed(OTHER), purchase));
		assert_eq!(free(BUYER), START);
	});
}

fn deadlines_probes() -> u64 {
	crate::features::QUEUE_PROBES as u64
}

#[test]
fn on_initialize_weighs_the_deadlines_it_took() {
	new_test_ext(|| {
		let listing = list_as(SELLER, device(), 100);
		for seed in 0..3 {
			buy_as(BUYER, listing, seed);
		}
		let at = 1 + DELIVERY + 1;
		System::set_block_number(at);
		assert_eq!(DataMarket::on_initialize(at), <() as WeightInfo>::on_initialize(3));
		assert_eq!(DataMarket::on_initialize(at + 1), <() as WeightInfo>::on_initialize(0));
		assert!(!Deadlines::<Test>::contains_key(at));
	});
}

/// How many times `deadline` is queued.
fn queued(deadline: Deadline) -> usize {
	Deadlines::<Test>::iter_values().map(|q| q.iter().filter(|d| **d == deadline).count()).sum()
}

#[test]
fn an_expiry_update_moves_its_deadline() {
	new_test_ext(|| {
		let listing = listed();
		for expires_at in 200..210 {
			assert_ok!(DataMarket::update_listing(
				RuntimeOrigin::signed(SELLER),
				listing,
				PRICE,
				expires_at,
				5
			));
		}
		assert_eq!(queued(Deadline::ListingExpiry(listing)), 1);
		assert_eq!(Deadlines::<Test>::get(210).to_vec(), vec![Deadline::ListingExpiry(listing)]);
		run_to(209);
		assert_eq!(Listings::<Test>::get(listing).unwrap().status, ListingStatus::Open);
		run_to(210);
		assert!(Listings::<Test>::get(listing).is_none());
	});
}

#[test]
fn withdrawing_a_listing_drops_its_deadline() {
	new_test_ext(|| {
		let listing = listed();
		assert_eq!(queued(Deadline::ListingExpiry(listing)), 1);
		assert_ok!(DataMarket::withdraw_listing(RuntimeOrigin::signed(SELLER), listing));
		assert_eq!(queued(Deadline::ListingExpiry(listing)), 0);
		assert!(Deadlines::<Test>::iter().next().is_none(), "an emptied block's queue is removed");
	});
}

#[test]
fn expiry_updates_cannot_crowd_out_a_purchase_deadline() {
	new_test_ext(|| {
		let listing = listed();
		// Expiries queued where a purchase made now queues its refund, and in the blocks it may
		// spill into, over and over: only the last one stays queued.
		for _ in 0..4 {
			for expires_at in 1 + DELIVERY..1 + DELIVERY + deadlines_probes() {
				assert_ok!(DataMarket::update_listing(
					RuntimeOrigin::signed(SELLER),
					listing,
					PRICE,
					expires_at,
					5
				));
			}
		}
		let purchase = buy_as(BUYER, listing, 1);
		assert!(!events().iter().any(|e| matches!(e, Event::DeadlineNotQueued { .. })));
		assert!(Deadlines::<Test>::get(1 + DELIVERY + 1).contains(&Deadline::Delivery(purchase)));
		run_to(1 + DELIVERY + 1);
		assert!(Purchases::<Test>::get(purchase).is_none(), "the hook refunded it");
	});
}

#[test]
fn a_withdrawal_finds_an_expiry_that_spilled_into_a_later_block() {
	new_test_ext(|| {
		let others = vec![Deadline::BountyDeadline(9); 4];
		Deadlines::<Test>::insert(
			EXPIRES + 1,
			frame_support::BoundedVec::truncate_from(others.clone()),
		);
		let listing = listed();
		assert_eq!(
			Deadlines::<Test>::get(EXPIRES + 2).to_vec(),
			vec![Deadline::ListingExpiry(listing)]
		);
		assert_ok!(DataMarket::withdraw_listing(RuntimeOrigin::signed(SELLER), listing));
		assert_eq!(queued(Deadline::ListingExpiry(listing)), 0);
		assert_eq!(
			Deadlines::<Test>::get(EXPIRES + 1).to_vec(),
			others,
			"the full block is untouched"
		);
	});
}

#[test]
fn withdrawing_one_listing_keeps_the_expiry_of_another_in_the_same_block() {
	new_test_ext(|| {
		let first = listed();
		let second = list_as(SELLER, device_of(SELLER, 2), 5);
		assert_eq!(Deadlines::<Test>::get(EXPIRES + 1).len(), 2);
		assert_ok!(DataMarket::withdraw_listing(RuntimeOrigin::signed(SELLER), first));
		assert_eq!(
			Deadlines::<Test>::get(EXPIRES + 1).to_vec(),
			vec![Deadline::ListingExpiry(second)]
		);
		run_to(EXPIRES + 1);
		assert!(Listings::<Test>::get(second).is_none(), "the other listing still expires");
	});
}
