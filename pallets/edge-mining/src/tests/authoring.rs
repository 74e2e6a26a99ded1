//! Node incentives: block authors paid from the node-incentive pool.

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
		assert_eq!(events(), [Event::AuthorRewarded { author: VALIDATOR, amount: reward }]);
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
		next_block();
		assert_eq!(node_held(), NODE_AMOUNT);
		assert!(events().is_empty());
	});
}

#[test]
fn money_sent_to_the_pool_accounts_is_not_emission() {
	new_test_ext(|| {
		// Fees flow into the node-incentive account; anyone can send to either pool.
		transfer(DONOR, NODE_POOL, 5_000);
		transfer(DONOR, MINING_POOL, 7_000);
		set_author(Some(VALIDATOR));
		next_block();
		assert_eq!(node_held(), NODE_AMOUNT - EdgeMining::author_reward(0));
		assert_eq!(free(NODE_POOL), ED + 5_000);
		assert_eq!(mining_held(), MINING_AMOUNT);
		assert_eq!(free(MINING_POOL), ED + 7_000);
	});
}
