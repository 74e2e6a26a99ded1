//! The runtime API's pages.

use crate::{mock::*, views::MAX_PAGE};
use frame_support::assert_ok;

#[test]
fn open_listings_skips_closed_and_expired_ones_and_pages() {
	new_test_ext(|| {
		let ids: Vec<_> = (0..6).map(|seed| list_as(SELLER, device_of(SELLER, seed), 1)).collect();
		buy_as(BUYER, ids[1], 1); // sold out, stored while its purchase is open
		assert_ok!(DataMarket::update_listing(RuntimeOrigin::signed(SELLER), ids[2], 5, 10, 1));
		System::set_block_number(11); // ids[2] expired, the hook has not run

		let all = DataMarket::open_listings(None, 100);
		let mut found: Vec<_> = all.items.iter().map(|(id, _)| *id).collect();
		found.sort();
		assert_eq!(found, vec![ids[0], ids[3], ids[4], ids[5]]);
		assert_eq!(all.next, None);

		let mut paged = Vec::new();
		let mut cursor = None;
		loop {
			let page = DataMarket::open_listings(cursor, 1);
			assert!(page.items.len() <= 1);
			paged.extend(page.items.into_iter().map(|(id, _)| id));
			match page.next {
				Some(next) => cursor = Some(next),
				None => break,
			}
		}
		paged.sort();
		assert_eq!(paged, found);
	});
}

#[test]
fn open_bounties_skips_those_past_their_deadline() {
	new_test_ext(|| {
		let post = |deadline| {
			assert_ok!(DataMarket::post_bounty(
				RuntimeOrigin::signed(BUYER),
				cid("q"),
				1,
				1,
				deadline
			));
		};
		post(5);
		post(50);
		System::set_block_number(6);
		let page = DataMarket::open_bounties(None, 10);
		assert_eq!(page.items.iter().map(|(id, _)| *id).collect::<Vec<_>>(), vec![1]);
		assert_eq!(page.next, None);
	});
}

#[test]
fn pages_are_capped() {
	new_test_ext(|| {
		for _ in 0..(MAX_PAGE + 1) {
			assert_ok!(DataMarket::post_bounty(RuntimeOrigin::signed(BUYER), cid("q"), 1, 1, 9));
		}
		let page = DataMarket::open_bounties(None, u32::MAX);
		assert_eq!(page.items.len(), MAX_PAGE as usize);
		assert!(page.next.is_some());
		let rest = DataMarket::open_bounties(page.next, u32::MAX);
		assert_eq!(rest.items.len(), 1);
		assert_eq!(rest.next, None);
	});
}
