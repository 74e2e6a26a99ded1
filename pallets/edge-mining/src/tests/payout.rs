//! Confirmation: the payout sweep.

use crate::{mock::*, *};
use frame_support::assert_ok;
use itc_primitives::{
	device::{testing::MockDevices, DeviceStatus, Role},
	emission::ERAS,
};

/// The mining budget of `era`.
fn budget(era: u32) -> u64 {
	EdgeMining::era_budget(Pool::Mining, era)
}

#[test]
fn the_era_budget_is_split_pro_rata_into_the_device_accounts() {
	new_test_ext(|| {
		let (a, b, c) = (device(1), device(2), device(3));
		set_anchored(&c, 0, 250_000);
		set_era(1);
		assert_ok!(submit(&a, report(0, 1_000_000, 0))); // 1,000
		assert_ok!(submit(&b, report(0, 500_000, 0))); // 500
		assert_ok!(submit(&c, report(0, 1_000_000, 250_000))); // 1,500
		set_era(2);
		pay_all();

		let total = 3_000u128;
		let share = |score: u128| (u128::from(budget(0)) * score / total) as u64;
		assert_eq!(free(a.account), share(1_000));
		assert_eq!(free(b.account), share(500));
		assert_eq!(free(c.account), share(1_500));
		let paid = share(1_000) + share(500) + share(1_500);
		assert_eq!(mining_held(), MINING_AMOUNT - paid);
		assert_eq!(Emission::<Test>::get(Pool::Mining).paid, paid);
		assert_eq!(Eras::<Test>::get(0).paid, paid);
		assert!(events().contains(&Event::RewardPaid {
			era: 0,
			device: a.code,
			account: a.account,
			amount: share(1_000)
		}));
		assert!(events().contains(&Event::EraPaid { era: 0, budget: budget(0), paid }));
		assert_eq!(Reports::<Test>::iter().count(), 0, "paid reports are removed");
		assert_eq!(Reporters::<Test>::iter().count(), 0);
	});
}

#[test]
fn nothing_is_paid_while_the_era_still_takes_reports() {
	new_test_ext(|| {
		let d = device(1);
		set_era(1);
		assert_ok!(submit(&d, report(0, 1_000_000, 0)));
		for _ in 0..20 {
			next_block();
		}
		assert_eq!(free(d.account), 0);
		assert_eq!(mining_held(), MINING_AMOUNT);
		set_era(2);
		next_block();
		assert_eq!(free(d.account), budget(0));
	});
}

#[test]
fn rounding_never_overpays_the_pool() {
	new_test_ext(|| {
		let devices: Vec<_> = (1..=7).map(device).collect();
		set_era(1);
		for (i, d) in devices.iter().enumerate() {
			// Scores 1,001 … 1,007: the budget does not divide evenly.
			let records = (i as u64 + 1).pow(2);
			set_anchored(d, 0, records);
			assert_ok!(submit(d, report(0, 1_000_000, records)));
		}
		set_era(2);
		pay_all();
		let paid: u64 = devices.iter().map(|d| free(d.account)).sum();
		assert!(paid <= budget(0));
		assert!(budget(0) - paid < devices.len() as u64, "at most a planck per device is left");
		assert_eq!(mining_held() + paid, MINING_AMOUNT);
	});
}

#[test]
fn a_device_suspended_before_its_payout_forfeits_it() {
	new_test_ext(|| {
		let (honest, caught) = (device(1), device(2));
		set_era(1);
		report_all(&[&honest, &caught]);
		MockDevices::set_status(&caught.code, DeviceStatus::Suspended { by: Role::Governance });
		set_era(2);
		pay_all();
		assert_eq!(free(caught.account), 0);
		assert_eq!(free(honest.account), budget(0) / 2);
		assert!(events().contains(&Event::RewardForfeited {
			era: 0,
			device: caught.code,
			amount: budget(0) / 2,
			reason: ForfeitReason::Inactive
		}));
		assert_eq!(mining_held(), MINING_AMOUNT - budget(0) / 2, "the share stays in the pool");
	});
}

#[test]
fn a_frozen_manufacturer_s_devices_forfeit() {
	new_test_ext(|| {
		let d = device(1);
		set_era(1);
		report_all(&[&d]);
		MockDevices::set_manufacturer_approved(1, false);
		set_era(2);
		pay_all();
		assert_eq!(free(d.account), 0);
		assert_eq!(mining_held(), MINING_AMOUNT);
	});
}

#[test]
fn after_twenty_years_there_is_nothing_to_pay() {
	new_test_ext(|| {
		let d = device(1);
		PayoutCursor::<Test>::put((ERAS, 0));
		set_era(ERAS + 1);
		report_all(&[&d]);
		set_era(ERAS + 2);
		pay_all();
		assert_eq!(free(d.account), 0);
		assert!(events().contains(&Event::RewardForfeited {
			era: ERAS,
			device: d.code,
			amount: 0,
			reason: ForfeitReason::Undeliverable
		}));
	});
}

#[test]
fn the_sweep_pays_a_bounded_number_per_block() {
	new_test_ext(|| {
		let devices: Vec<_> = (1..=20).map(device).collect();
		set_era(1);
		report_all(&devices.iter().collect::<Vec<_>>());
		set_era(2);
		let bound = <() as WeightInfo>::reward_author()
			.saturating_add(<() as WeightInfo>::pay_rewards(MAX_PAYOUTS));
		let mut blocks = 0;
		while devices.iter().any(|d| free(d.account) == 0) {
			let before = devices.iter().filter(|d| free(d.account) > 0).count();
			assert!(next_block().all_lte(bound));
			let after = devices.iter().filter(|d| free(d.account) > 0).count();
			assert!(after - before <= MAX_PAYOUTS as usize);
			blocks += 1;
		}
		assert_eq!(blocks, 5, "20 devices at 4 a block");
		// The era capacity leaves the sweep half of the next era's slots to spare.
		assert!(blocks * 2 <= EdgeMining::slots_per_era());
	});
}

#[test]
fn eras_are_paid_in_order_across_gaps() {
	new_test_ext(|| {
		let (a, b) = (device(1), device(2));
		set_era(1);
		report_all(&[&a]);
		set_era(4);
		report_all(&[&a, &b]);
		// The chain stops; when it comes back eras 0 and 3 are both closed.
		set_era(40);
		pay_all();
		assert_eq!(free(a.account), budget(0) + budget(3) / 2);
		assert_eq!(free(b.account), budget(3) / 2);
		assert_eq!(PayoutCursor::<Test>::get(), (39, 0));
		let paid: Vec<_> = events()
			.into_iter()
			.filter_map(|e| match e {
				Event::EraPaid { era, .. } => Some(era),
				_ => None,
			})
			.collect();
		assert_eq!(paid, [0, 3]);
	});
}

#[test]
fn budget_nobody_earned_stays_in_the_pool() {
	new_test_ext(|| {
		set_era(5);
		pay_all();
		assert_eq!(mining_held(), MINING_AMOUNT);
		assert_eq!(Emission::<Test>::get(Pool::Mining).paid, 0);
		// Later eras still get their own budget from the curve, not the unspent one.
		assert_eq!(EdgeMining::era_status(5).budget, budget(5));
		assert!(budget(5) < budget(0));
	});
}

/// A sale's fee went to the community fund; its device earns back at most 75 % of it, so
/// selling a device's data to oneself for the reward loses money.
#[test]
fn settled_sales_earn_a_rebate_below_their_fee() {
	new_test_ext(|| {
		let d = device(1);
		set_fees(&d, 0, 1_000);
		set_era(1);
		assert_ok!(submit(&d, report(0, 0, 0)));
		set_era(2);
		pay_all();
		assert_eq!(free(d.account), 750);
		assert_eq!(Eras::<Test>::get(0).paid, 750, "the claims part, with no claims, stays");
	});
}

#[test]
fn the_market_takes_at_most_its_share_of_the_budget() {
	new_test_ext(|| {
		let (seller, worker) = (device(1), device(2));
		set_fees(&seller, 0, 10 * budget(0));
		set_era(1);
		assert_ok!(submit(&seller, report(0, 0, 0)));
		assert_ok!(submit(&worker, report(0, 1_000_000, 0)));
		set_era(2);
		pay_all();
		assert_eq!(free(seller.account), budget(0) / 2);
		assert_eq!(free(worker.account), budget(0) - budget(0) / 2);
	});
}

#[test]
fn unpaid_market_budget_goes_to_claims() {
	new_test_ext(|| {
		let (a, b) = (device(1), device(2));
		set_era(1);
		assert_ok!(submit(&a, report(0, 1_000_000, 0)));
		assert_ok!(submit(&b, report(0, 1_000_000, 0)));
		set_era(2);
		pay_all();
		assert_eq!((free(a.account), free(b.account)), (budget(0) / 2, budget(0) / 2));
	});
}
