//! `post_bounty`, `answer_bounty`, `accept_answer`, `close_bounty`.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok};
use itc_primitives::device::{testing::MockDevices, DeviceStatus, Role};

const REWARD: u64 = 300;
const DEADLINE: u64 = 50;

fn post(who: u64, reward: u64, max_accepted: u32, deadline: u64) -> sp_runtime::DispatchResult {
	DataMarket::post_bounty(
		RuntimeOrigin::signed(who),
		cid("bafkreirequest"),
		reward,
		max_accepted,
		deadline,
	)
}

/// [`BUYER`] posts a bounty for 2 answers; returns its id.
fn posted() -> BountyId {
	let id = NextBountyId::<Test>::get();
	assert_ok!(post(BUYER, REWARD, 2, DEADLINE));
	id
}

fn answer(who: u64, bounty: BountyId, listing: ListingId) -> sp_runtime::DispatchResult {
	DataMarket::answer_bounty(RuntimeOrigin::signed(who), bounty, listing)
}

fn accept(who: u64, bounty: BountyId, listing: ListingId) -> sp_runtime::DispatchResult {
	DataMarket::accept_answer(RuntimeOrigin::signed(who), bounty, listing, box_keys(5).1)
}

/// A bounty answered by [`SELLER`]'s listing; returns both.
fn answered() -> (BountyId, ListingId) {
	let bounty = posted();
	let listing = listed();
	assert_ok!(answer(SELLER, bounty, listing));
	(bounty, listing)
}

#[test]
fn post_bounty_holds_every_reward() {
	new_test_ext(|| {
		let bounty = posted();
		let stored = Bounties::<Test>::get(bounty).unwrap();
		assert_eq!((stored.buyer, stored.reward, stored.max_accepted), (BUYER, REWARD, 2));
		assert_eq!((stored.accepted, stored.deadline), (0, DEADLINE));
		assert_eq!(pot_held(HoldReason::BountyEscrow), 2 * REWARD);
		assert_eq!(
			Deadlines::<Test>::get(DEADLINE + 1).to_vec(),
			vec![Deadline::BountyDeadline(bounty)]
		);
		assert_eq!(
			events(),
			vec![Event::BountyPosted {
				bounty,
				buyer: BUYER,
				reward: REWARD,
				max_accepted: 2,
				deadline: DEADLINE
			}]
		);
	});
}

#[test]
fn post_bounty_errors() {
	new_test_ext(|| {
		let bad_cid = DataMarket::post_bounty(RuntimeOrigin::signed(BUYER), cid("a b"), 1, 1, 9);
		assert_noop!(bad_cid, Error::<Test>::BadCid);
		assert_noop!(post(BUYER, 0, 1, DEADLINE), Error::<Test>::ZeroAmount);
		assert_noop!(post(BUYER, 1, 0, DEADLINE), Error::<Test>::ZeroMaximum);
		assert_noop!(post(BUYER, 1, 1, 1), Error::<Test>::BadDeadline);
		assert_noop!(post(BUYER, 1, 1, 1 + 500 + 1), Error::<Test>::BadDeadline);
		assert_noop!(post(BUYER, START / 2 + 1, 2, DEADLINE), Error::<Test>::InsufficientBalance);
		assert_noop!(post(BUYER, u64::MAX / 2 + 1, 2, DEADLINE), Error::<Test>::Overflow);
		NextBountyId::<Test>::put(BountyId::MAX);
		assert_noop!(post(BUYER, 1, 1, DEADLINE), Error::<Test>::Overflow);
	});
}

#[test]
fn answer_bounty_records_the_listing() {
	new_test_ext(|| {
		let (bounty, listing) = answered();
		let device = Listings::<Test>::get(listing).unwrap().device;
		assert_eq!(
			Bounties::<Test>::get(bounty).unwrap().answers.to_vec(),
			vec![Answer { listing, device }]
		);
		assert_eq!(events().last(), Some(&Event::BountyAnswered { bounty, listing }));
	});
}

#[test]
fn answer_bounty_errors() {
	new_test_ext(|| {
		let bounty = posted();
		let listing = listed();
		assert_noop!(answer(SELLER, 9, listing), Error::<Test>::UnknownBounty);
		assert_noop!(answer(SELLER, bounty, 9), Error::<Test>::UnknownListing);
		assert_noop!(answer(OTHER, bounty, listing), Error::<Test>::NotSeller);
		assert_ok!(answer(SELLER, bounty, listing));
		assert_noop!(answer(SELLER, bounty, listing), Error::<Test>::AlreadyAnswered);
		let more: Vec<_> =
			(2..4).map(|seed| list_as(SELLER2, device_of(SELLER2, seed), 1)).collect();
		for listing in &more {
			assert_ok!(answer(SELLER2, bounty, *listing));
		}
		let fourth = list_as(SELLER2, device_of(SELLER2, 9), 1);
		assert_noop!(answer(SELLER2, bounty, fourth), Error::<Test>::TooManyAnswers);

		let closed = buy_then_withdraw(SELLER2, 10);
		let other_bounty = posted();
		assert_noop!(answer(SELLER2, other_bounty, closed), Error::<Test>::ListingClosed);
		System::set_block_number(DEADLINE + 1);
		assert_noop!(answer(SELLER2, other_bounty, fourth), Error::<Test>::BountyDeadlinePassed);
	});
}

/// A listing of `seller`'s device `seed`, bought once and withdrawn, so it is stored but
/// closed.
fn buy_then_withdraw(seller: u64, seed: u8) -> ListingId {
	let listing = list_as(seller, device_of(seller, seed), 5);
	buy_as(OTHER, listing, seed);
	assert_ok!(DataMarket::withdraw_listing(RuntimeOrigin::signed(seller), listing));
	listing
}

#[test]
fn accept_answer_buys_the_listing_with_the_reward() {
	new_test_ext(|| {
		let (bounty, listing) = answered();
		assert_ok!(accept(BUYER, bounty, listing));

		let purchase = Purchases::<Test>::get(0).unwrap();
		assert_eq!(
			(purchase.amount, purchase.bounty, purchase.seller),
			(REWARD, Some(bounty), SELLER)
		);
		assert_eq!(pot_held(HoldReason::Escrow), REWARD);
		assert_eq!(pot_held(HoldReason::BountyEscrow), REWARD);
		let stored = Bounties::<Test>::get(bounty).unwrap();
		assert_eq!((stored.accepted, stored.answers.len()), (1, 0));
		assert_eq!(Listings::<Test>::get(listing).unwrap().sold, 1);
		assert_eq!(events().last(), Some(&Event::AnswerAccepted { bounty, listing, purchase: 0 }));

		// From here it is an ordinary purchase.
		assert_ok!(DataMarket::deliver(RuntimeOrigin::signed(SELLER), 0, seal(5, &CONTENT_KEY)));
		assert_ok!(DataMarket::confirm(RuntimeOrigin::signed(BUYER), 0));
		assert_eq!(free(SELLER), START - BOND + REWARD - REWARD * 2 / 100);
	});
}

#[test]
fn the_last_accepted_answer_closes_the_bounty() {
	new_test_ext(|| {
		let (bounty, listing) = answered();
		let second = list_as(SELLER2, device_of(SELLER2, 2), 1);
		assert_ok!(answer(SELLER2, bounty, second));
		assert_ok!(accept(BUYER, bounty, listing));
		assert_ok!(accept(BUYER, bounty, second));
		assert!(Bounties::<Test>::get(bounty).is_none());
		assert_eq!(pot_held(HoldReason::BountyEscrow), 0);
		assert_eq!(pot_held(HoldReason::Escrow), 2 * REWARD);
		assert_eq!(events().last(), Some(&Event::BountyClosed { bounty, refunded: 0 }));
	});
}

#[test]
fn accept_answer_errors() {
	new_test_ext(|| {
		let (bounty, listing) = answered();
		assert_noop!(accept(BUYER, 9, listing), Error::<Test>::UnknownBounty);
		assert_noop!(
			DataMarket::accept_answer(RuntimeOrigin::signed(BUYER), bounty, listing, [0; 32]),
			Error::<Test>::WeakBuyerKey
		);
		assert_noop!(accept(OTHER, bounty, listing), Error::<Test>::NotBountyOwner);
		let unanswered = list_as(SELLER2, device_of(SELLER2, 2), 1);
		assert_noop!(accept(BUYER, bounty, unanswered), Error::<Test>::NotAnAnswer);

		MockDevices::set_status(&device(), DeviceStatus::Suspended { by: Role::Owner });
		assert_noop!(accept(BUYER, bounty, listing), Error::<Test>::DeviceUnavailable);
		MockDevices::set_status(&device(), DeviceStatus::Active);

		// Answered, then withdrawn with no purchase: removed.
		let gone = list_as(SELLER2, device_of(SELLER2, 4), 1);
		assert_ok!(answer(SELLER2, bounty, gone));
		assert_ok!(DataMarket::withdraw_listing(RuntimeOrigin::signed(SELLER2), gone));
		assert_noop!(accept(BUYER, bounty, gone), Error::<Test>::UnknownListing);

		NextPurchaseId::<Test>::put(PurchaseId::MAX);
		assert_noop!(accept(BUYER, bounty, listing), Error::<Test>::Overflow);
		NextPurchaseId::<Test>::put(0);

		System::set_block_number(EXPIRES.min(DEADLINE));
		assert_ok!(accept(BUYER, bounty, listing));
		System::set_block_number(DEADLINE + 1);
		assert_noop!(accept(BUYER, bounty, listing), Error::<Test>::BountyDeadlinePassed);
	});
}

#[test]
fn accept_answer_rejects_closed_expired_and_own_listings() {
	new_test_ext(|| {
		// A listing answered, then bought once and withdrawn: stored but closed.
		let (bounty, listing) = answered();
		buy_as(OTHER, listing, 1);
		assert_ok!(DataMarket::withdraw_listing(RuntimeOrigin::signed(SELLER), listing));
		assert_noop!(accept(BUYER, bounty, listing), Error::<Test>::ListingClosed);

		// A listing that expires before the bounty's deadline.
		let short = list_as(SELLER2, device_of(SELLER2, 2), 1);
		assert_ok!(DataMarket::update_listing(RuntimeOrigin::signed(SELLER2), short, PRICE, 20, 1));
		assert_ok!(answer(SELLER2, bounty, short));
		System::set_block_number(21);
		assert_noop!(accept(BUYER, bounty, short), Error::<Test>::ListingExpired);

		// A seller's own bounty: its listings cannot even answer it.
		let own = NextBountyId::<Test>::get();
		assert_ok!(post(SELLER2, REWARD, 1, DEADLINE));
		let mine = list_as(SELLER2, device_of(SELLER2, 3), 1);
		assert_noop!(answer(SELLER2, own, mine), Error::<Test>::BuyerIsSeller);
	});
}

#[test]
fn close_bounty_by_the_buyer_refunds_what_is_left() {
	new_test_ext(|| {
		let (bounty, listing) = answered();
		assert_ok!(accept(BUYER, bounty, listing));
		assert_ok!(DataMarket::close_bounty(RuntimeOrigin::signed(BUYER), bounty));
		assert!(Bounties::<Test>::get(bounty).is_none());
		assert_eq!(pot_held(HoldReason::BountyEscrow), 0);
		assert_eq!(free(BUYER), START - REWARD);
		assert_eq!(events().last(), Some(&Event::BountyClosed { bounty, refunded: REWARD }));
	});
}

#[test]
fn close_bounty_by_anyone_after_the_deadline() {
	new_test_ext(|| {
		let bounty = posted();
		let close = || DataMarket::close_bounty(RuntimeOrigin::signed(OTHER), bounty);
		assert_noop!(close(), Error::<Test>::BountyStillOpen);
		System::set_block_number(DEADLINE + 1);
		assert_ok!(close());
		assert_eq!(free(BUYER), START);
		assert_noop!(close(), Error::<Test>::UnknownBounty);
	});
}

#[test]
fn an_answer_must_be_a_listing_the_buyer_can_buy_now() {
	new_test_ext(|| {
		let bounty = posted();
		// The bounty's own buyer cannot answer it.
		let own = list_as(BUYER, device_of(BUYER, 7), 1);
		assert_noop!(answer(BUYER, bounty, own), Error::<Test>::BuyerIsSeller);
		// Nor can one whose device is not active, or an expired listing.
		let suspended = list_as(SELLER2, device_of(SELLER2, 8), 1);
		MockDevices::set_status(
			&device_of(SELLER2, 8),
			DeviceStatus::Suspended { by: Role::Owner },
		);
		assert_noop!(answer(SELLER2, bounty, suspended), Error::<Test>::DeviceUnavailable);
		let listing = listed();
		System::set_block_number(EXPIRES + 1);
		let late = NextBountyId::<Test>::get();
		assert_ok!(post(BUYER, REWARD, 2, EXPIRES + 50));
		assert_noop!(answer(SELLER, late, listing), Error::<Test>::ListingExpired);
	});
}

#[test]
fn withdrawn_listings_do_not_keep_answer_slots() {
	new_test_ext(|| {
		let bounty = posted();
		// Squatting as it was: list, answer, withdraw (the bond comes back), on every slot.
		for seed in 2..2 + MaxAnswers::get() as u8 {
			let listing = list_as(SELLER2, device_of(SELLER2, seed), 1);
			assert_ok!(answer(SELLER2, bounty, listing));
			assert_ok!(DataMarket::withdraw_listing(RuntimeOrigin::signed(SELLER2), listing));
		}
		assert_eq!(free(SELLER2), START, "squatting cost nothing but fees");
		let honest = listed();
		assert_ok!(answer(SELLER, bounty, honest));
		let answers = Bounties::<Test>::get(bounty).unwrap().answers;
		assert_eq!(answers.iter().map(|a| a.listing).collect::<Vec<_>>(), vec![honest]);
	});
}

#[test]
fn a_device_answers_a_bounty_once() {
	new_test_ext(|| {
		let (bounty, listing) = answered();
		let same_device = list_as(SELLER, device(), 1);
		assert_noop!(answer(SELLER, bounty, same_device), Error::<Test>::AlreadyAnswered);
		// Once its first answer died, the device may answer again.
		assert_ok!(DataMarket::withdraw_listing(RuntimeOrigin::signed(SELLER), listing));
		assert_ok!(answer(SELLER, bounty, same_device));
		let answers = Bounties::<Test>::get(bounty).unwrap().answers;
		assert_eq!(answers.iter().map(|a| a.listing).collect::<Vec<_>>(), vec![same_device]);
	});
}

#[test]
fn the_buyer_rejects_an_answer_for_good() {
	new_test_ext(|| {
		let (bounty, listing) = answered();
		assert_ok!(DataMarket::reject_answer(RuntimeOrigin::signed(BUYER), bounty, listing));
		assert!(events().contains(&Event::AnswerRejected { bounty, listing }));
		let stored = Bounties::<Test>::get(bounty).unwrap();
		assert!(stored.answers.is_empty());
		assert_eq!(stored.rejected.to_vec(), vec![Listings::<Test>::get(listing).unwrap().device]);
		assert_noop!(answer(SELLER, bounty, listing), Error::<Test>::DeviceRejected);
		let again = list_as(SELLER, device(), 1);
		assert_noop!(answer(SELLER, bounty, again), Error::<Test>::DeviceRejected);
		assert_noop!(accept(BUYER, bounty, listing), Error::<Test>::NotAnAnswer);
	});
}

#[test]
fn reject_answer_errors() {
	new_test_ext(|| {
		let (bounty, listing) = answered();
		let reject = |who, bounty, listing| {
			DataMarket::reject_answer(RuntimeOrigin::signed(who), bounty, listing)
		};
		assert_noop!(reject(BUYER, 9, listing), Error::<Test>::UnknownBounty);
		assert_noop!(reject(OTHER, bounty, listing), Error::<Test>::NotBountyOwner);
		assert_noop!(reject(BUYER, bounty, 9), Error::<Test>::NotAnAnswer);
		System::set_block_number(DEADLINE + 1);
		assert_noop!(reject(BUYER, bounty, listing), Error::<Test>::BountyDeadlinePassed);
	});
}

#[test]
fn rejections_past_the_bound_forget_the_oldest_so_no_bounty_jams() {
	new_test_ext(|| {
		let (bounty, first) = answered();
		let reject =
			|listing| DataMarket::reject_answer(RuntimeOrigin::signed(BUYER), bounty, listing);
		assert_ok!(reject(first));
		// As many more devices as the list holds answer and are rejected: every rejection
		// succeeds (before, the one past the bound failed and the bounty jammed).
		for seed in 2..2 + MaxAnswers::get() as u8 {
			let other = list_as(SELLER2, device_of(SELLER2, seed), 1);
			assert_ok!(answer(SELLER2, bounty, other));
			assert_ok!(reject(other));
		}
		let rejected = Bounties::<Test>::get(bounty).unwrap().rejected;
		assert_eq!(rejected.len() as u32, MaxAnswers::get());
		assert!(!rejected.contains(&device()), "the oldest rejection is forgotten");
		assert_ok!(answer(SELLER, bounty, first));
	});
}

#[test]
fn a_suspended_or_handed_over_device_gives_its_answer_place_up() {
	new_test_ext(|| {
		let bounty = posted();
		let listings: Vec<_> = (2..2 + MaxAnswers::get() as u8)
			.map(|seed| list_as(SELLER2, device_of(SELLER2, seed), 1))
			.collect();
		for listing in &listings {
			assert_ok!(answer(SELLER2, bounty, *listing));
		}
		// The squatter's answers stay open listings, but their devices can no longer be sold
		// by them: one suspended by its owner, one handed over to another account.
		MockDevices::set_status(
			&device_of(SELLER2, 2),
			DeviceStatus::Suspended { by: Role::Owner },
		);
		MockDevices::set_owner(&device_of(SELLER2, 3), &OTHER);
		let honest = listed();
		assert_ok!(answer(SELLER, bounty, honest));
		let answers = Bounties::<Test>::get(bounty).unwrap().answers;
		let live: Vec<_> = answers.iter().map(|a| a.listing).collect();
		assert!(
			live.contains(&honest) && !live.contains(&listings[0]) && !live.contains(&listings[1])
		);
	});
}

#[test]
fn a_handed_over_devices_old_listing_gives_its_answer_place_up() {
	new_test_ext(|| {
		let (bounty, old) = answered();
		// SELLER hands the device over; its new owner lists it and answers.
		let code = device();
		MockDevices::set_owner(&code, &SELLER2);
		let new = list_as(SELLER2, code, 1);
		assert_ok!(answer(SELLER2, bounty, new));
		let answers = Bounties::<Test>::get(bounty).unwrap().answers;
		assert_eq!(answers.iter().map(|a| a.listing).collect::<Vec<_>>(), vec![new]);
		assert_noop!(accept(BUYER, bounty, old), Error::<Test>::NotAnAnswer);
	});
}

/// The answer-list invariants `try_state` checks, each broken in turn: a device answering
/// twice, a listing answering twice, a rejected device answering, a device rejected twice.
#[test]
fn try_state_catches_answers_that_break_the_one_per_device_rule() {
	new_test_ext(|| {
		let (bounty, _) = answered();
		let first = Bounties::<Test>::get(bounty).unwrap().answers[0];
		let other = list_as(SELLER, device_of(SELLER, 9), 1);
		let breakages: [fn(&mut Bounty<Test>, Answer, ListingId); 4] = [
			|b, a, other| b.answers.try_push(Answer { listing: other, ..a }).unwrap(),
			|b, a, _| b.answers.try_push(a).unwrap(),
			|b, a, _| b.rejected.try_push(a.device).unwrap(),
			|b, _, _| {
				b.answers.clear();
				let device = itc_primitives::device::DeviceCode([5; 15]);
				b.rejected = vec![device, device].try_into().unwrap();
			},
		];
		for (i, breakage) in breakages.iter().enumerate() {
			let kept = Bounties::<Test>::get(bounty).unwrap();
			Bounties::<Test>::mutate(bounty, |b| breakage(b.as_mut().unwrap(), first, other));
			assert!(DataMarket::do_try_state().is_err(), "breakage {i} went unnoticed");
			Bounties::<Test>::insert(bounty, kept);
		}
		assert_ok!(DataMarket::do_try_state());
	});
}
