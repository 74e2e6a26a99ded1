//! Node incentives: block authors paid from the node-incentive pool, and handed the fees.

use crate::{mock::*, *};
use frame_support::traits::fungible::InspectHold;

fn node_held() -> u64 {
	Balances::balance_on_hold(&HoldReason::NodeIncentives.into(), &NODE_POOL)
}

#[test]
fn the_block_author_is_paid_from_the_node_incentive_pool() {
	new_test_ext(|| {
		set_author(Some(VALIDATOR));
		next_block();
		let reward = EdgeMining::author_reward(0);
		assert_eq!(reward, EdgeMining::era_budget(Pool::NodeIncentives, 0) / 10);
		assert_eq!(free(VALIDATOR), reward);
		assert_eq!(node_held(), NODE_AMOUNT - reward);
		assert_eq!(Emission::<Test>::get(Pool::NodeIncentives).paid, reward);
		assert_eq!(
			events(),
			[Event::AuthorRewarded { author: VALIDATOR, amount: reward, fees: 0 }]
		);
	});
}

#[test]
fn authors_are_paid_at_most_the_era_budget() {
	new_test_ext(|| {
		set_author(Some(VALIDATOR));
		// More blocks than the era has slots (10).
		for _ in 0..15 {
			next_block();
		}
		// Ten full rewards and the rounding remainder: exactly the budget, never more.
		let budget = EdgeMining::era_budget(Pool::NodeIncentives, 0);
		assert!(budget - 10 * EdgeMining::author_reward(0) < 10);
		assert_eq!(free(VALIDATOR), budget);
		// The next era pays again, by its own budget.
		set_era(1);
		next_block();
		assert_eq!(free(VALIDATOR), budget + EdgeMining::author_reward(1));
		assert_eq!(AuthorsPaid::<Test>::get(), (1, EdgeMining::author_reward(1)));
	});
}

#[test]
fn a_block_without_a_known_author_pays_nobody() {
	new_test_ext(|| {
		transfer(DONOR, NODE_POOL, 5_000);
		next_block();
		assert_eq!(node_held(), NODE_AMOUNT);
		assert_eq!(free(NODE_POOL), ED + 5_000, "the fees wait for an author");
		assert!(events().is_empty());
	});
}

#[test]
fn fees_in_the_node_pool_go_to_the_next_block_author() {
	new_test_ext(|| {
		// The last block's fees, which the transaction-payment adapter paid into the account.
		transfer(DONOR, NODE_POOL, 5_000);
		set_author(Some(VALIDATOR));
		next_block();
		let reward = EdgeMining::author_reward(0);
		assert_eq!(free(VALIDATOR), reward + 5_000);
		assert_eq!(free(NODE_POOL), ED);
		assert_eq!(node_held(), NODE_AMOUNT - reward, "fees are not emission");
		assert_eq!(Emission::<Test>::get(Pool::NodeIncentives).paid, reward);
		assert_eq!(
			events(),
			[Event::AuthorRewarded { author: VALIDATOR, amount: reward, fees: 5_000 }]
		);
	});
}

#[test]
fn fees_are_paid_after_the_era_budget_is_spent() {
	new_test_ext(|| {
		set_author(Some(VALIDATOR));
		for _ in 0..15 {
			next_block();
		}
		let budget = EdgeMining::era_budget(Pool::NodeIncentives, 0);
		assert_eq!(free(VALIDATOR), budget);
		transfer(DONOR, NODE_POOL, 5_000);
		next_block();
		assert_eq!(free(VALIDATOR), budget + 5_000);
		assert_eq!(
			events().last(),
			Some(&Event::AuthorRewarded { author: VALIDATOR, amount: 0, fees: 5_000 })
		);
	});
}

#[test]
fn fees_wait_for_an_author_that_can_receive_them() {
	new_test_ext(|| {
		set_era(itc_primitives::emission::ERAS); // no emission left
		assert_eq!(EdgeMining::author_reward(itc_primitives::emission::ERAS), 0);
		transfer(DONOR, NODE_POOL, ED - 1); // too little to open the new author's account
		set_author(Some(77));
		next_block();
		assert_eq!((free(77), free(NODE_POOL)), (0, 2 * ED - 1));
		assert!(events().is_empty());
		transfer(DONOR, NODE_POOL, ED);
		next_block();
		assert_eq!((free(77), free(NODE_POOL)), (2 * ED - 1, ED));
	});
}

#[test]
fn money_sent_to_the_pool_accounts_is_not_emission() {
	new_test_ext(|| {
		// Anyone can send to either pool: it is never counted as emission. The node pool's free
		// money goes to the next author; the mining pool's stays.
		transfer(DONOR, NODE_POOL, 5_000);
		transfer(DONOR, MINING_POOL, 7_000);
		set_author(Some(VALIDATOR));
		next_block();
		assert_eq!(node_held(), NODE_AMOUNT - EdgeMining::author_reward(0));
		assert_eq!(free(NODE_POOL), ED);
		assert_eq!(mining_held(), MINING_AMOUNT);
		assert_eq!(free(MINING_POOL), ED + 7_000);
	});
}
