//! What the runtime API reports.

use crate::{mock::*, *};
use frame_support::assert_ok;

#[test]
fn emission_status_tells_the_pools_and_budgets() {
	new_test_ext(|| {
		let d = device(1);
		set_era(1);
		assert_ok!(submit(&d, report(0, 1_000_000, 0)));
		set_era(2);
		pay_all();
		let status = EdgeMining::emission_status();
		let paid = EdgeMining::era_budget(Pool::Mining, 0);
		assert_eq!(status.current_era, 2);
		assert_eq!(status.era_length_ms, ERA_MS);
		assert_eq!(status.mining_paid, paid);
		assert_eq!(status.mining_remaining, MINING_AMOUNT - paid);
		assert_eq!(status.mining_era_budget, EdgeMining::era_budget(Pool::Mining, 2));
		assert_eq!(status.node_remaining, NODE_AMOUNT);
		assert_eq!(status.node_era_budget, EdgeMining::era_budget(Pool::NodeIncentives, 2));
	});
}

#[test]
fn era_status_and_estimates_follow_the_reports() {
	new_test_ext(|| {
		let (a, b) = (device(1), device(2));
		set_era(1);
		assert_ok!(submit(&a, report(0, 1_000_000, 0)));
		let budget = EdgeMining::era_budget(Pool::Mining, 0);
		let first = EdgeMining::estimated_reward(a.code, 0).unwrap();
		assert_eq!((first.score, first.total_score, first.reward), (1_000, 1_000, budget));
		assert_ok!(submit(&b, report(0, 1_000_000, 0)));
		// More claims lower a claims-only estimate until the era closes.
		assert_eq!(EdgeMining::estimated_reward(a.code, 0).unwrap().reward, budget / 2);
		assert_eq!(EdgeMining::estimated_reward(a.code, 1), None);

		let status = EdgeMining::era_status(0);
		assert_eq!((status.reports, status.total_score, status.paid), (2, 2_000, 0));
		assert_eq!((status.total_fees, status.market_budget), (0, 0));
		assert!(status.reporting);

		set_era(2);
		pay_all();
		assert_eq!(free(a.account), budget / 2);
		assert_eq!(EdgeMining::estimated_reward(a.code, 0), None, "paid");
		let status = EdgeMining::era_status(0);
		assert_eq!((status.paid, status.reporting), (2 * (budget / 2), false));
	});
}

#[test]
fn an_estimate_counts_the_market_part() {
	new_test_ext(|| {
		let (seller, worker) = (device(1), device(2));
		set_fees(&seller, 0, 400);
		set_era(1);
		assert_ok!(submit(&seller, report(0, 0, 0)));
		assert_ok!(submit(&worker, report(0, 1_000_000, 0)));
		let budget = EdgeMining::era_budget(Pool::Mining, 0);
		let estimate = EdgeMining::estimated_reward(seller.code, 0).unwrap();
		assert_eq!((estimate.market_fees, estimate.total_fees, estimate.reward), (400, 400, 300));
		let worker = EdgeMining::estimated_reward(worker.code, 0).unwrap();
		assert_eq!(worker.reward, budget - 300);
		assert_eq!(EdgeMining::era_status(0).market_budget, 300);
	});
}
