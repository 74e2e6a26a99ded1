//! Verification and evaluation: `submit_report`.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok, dispatch::Pays};
use itc_primitives::{
	device::{testing::MockDevices, DeviceCode, DeviceStatus, Role},
	mining::WorkReport,
};
use sp_core::Pair;

#[test]
fn a_signed_report_is_scored_and_free() {
	new_test_ext(|| {
		let d = device(1);
		set_anchored(&d, 0, 10_000);
		set_fees(&d, 0, 40);
		set_era(1);
		let info = submit(&d, report(0, 1_000_000, 10_000)).unwrap();
		assert_eq!(info.pays_fee, Pays::No);

		let stored = Reports::<Test>::get(0, d.code).unwrap();
		assert_eq!(stored.score, 1_100);
		let counts = (stored.uptime_ppm, stored.records, stored.anchored, stored.market_fees);
		assert_eq!(counts, (1_000_000, 10_000, 10_000, 40));
		assert_eq!(stored.coverage_cell, Some(0x08a2_a107_2b59_ffff));
		assert_eq!(Reporters::<Test>::get(0, 0), Some(d.code));
		assert_eq!(
			Eras::<Test>::get(0),
			EraSummary { reports: 1, total_score: 1_100, paid: 0, total_fees: 40 }
		);
		assert_eq!(
			events(),
			[Event::Reported {
				era: 0,
				device: d.code,
				score: 1_100,
				anchored: 10_000,
				market_fees: 40,
				capped: false,
				submitter: GATEWAY
			}]
		);
	});
}

#[test]
fn the_device_itself_may_submit() {
	new_test_ext(|| {
		let d = device(1);
		set_era(1);
		let r = report(0, 500_000, 0);
		assert_ok!(EdgeMining::submit_report(
			RuntimeOrigin::signed(d.account),
			d.code,
			r,
			sign(&d, &r)
		));
		assert_eq!(Eras::<Test>::get(0).total_score, 500);
	});
}

/// A device issues its own DAG records, at the cost of proof of work only: they count once,
/// and a claimed count counts only as far as anchored (the finding: before, 10,000 claimed and
/// 2,500 anchored scored 1,000 + 100 + 2 · 50).
#[test]
fn reported_records_count_only_as_far_as_anchored_ones() {
	new_test_ext(|| {
		let d = device(1);
		set_anchored(&d, 0, 2_500);
		set_era(1);
		assert_ok!(submit(&d, report(0, 1_000_000, 10_000)));
		assert_eq!(Reports::<Test>::get(0, d.code).unwrap().score, 1_050);
	});
}

/// A manufacturer picks its devices' keys, so it can claim for any number of devices it makes
/// up: together they score what its stake backs, however many there are.
#[test]
fn sybil_devices_share_what_their_manufacturers_stake_backs() {
	// At most 19 with the honest device: the mock's era takes 20 reports.
	for count in [5u8, 19] {
		new_test_ext(|| {
			set_stake(2, 2_000, u32::from(count));
			let honest = device(1);
			let sybils: Vec<_> =
				(10..10 + count).map(|seed| device_of_manufacturer(seed, 2)).collect();
			for d in &sybils {
				set_anchored(d, 0, 1_000_000);
			}
			set_era(1);
			assert_ok!(submit(&honest, report(0, 1_000_000, 0)));
			for d in &sybils {
				assert_ok!(submit(d, report(0, 1_000_000, 1_000_000)));
			}
			let score = |d: &TestDevice| u64::from(Reports::<Test>::get(0, d.code).unwrap().score);
			let sybil_points: u64 = sybils.iter().map(score).sum();
			assert!(sybil_points <= 2_000, "{count} sybils scored {sybil_points}");
			assert!(events().iter().any(|e| matches!(e, Event::Reported { capped: true, .. })));
		});
	}
}

/// The stake per device falls as a manufacturer registers devices, so reporting its devices
/// one by one with a registration before each would give each new one a fresh share of the
/// whole stake (the attack: 1,000 + 500 + 333 + 250 + 200 + 166 = 2,449 points for six
/// devices from a stake that backs 1,000). The
/// manufacturer's tally of claims in the era holds them all to what the stake backs.
#[test]
fn registering_devices_between_reports_does_not_raise_a_manufacturers_claims() {
	new_test_ext(|| {
		let devices: Vec<_> = (10..16).map(|seed| device_of_manufacturer(seed, 2)).collect();
		set_era(1);
		let mut registered = 0;
		for d in &devices {
			registered += 1;
			set_stake(2, 1_000, registered);
			let submitted = submit(d, report(0, 1_000_000, 0));
			if registered == 1 {
				assert_ok!(submitted);
			} else {
				assert_noop!(submitted, Error::<Test>::NothingToReward);
			}
		}
		let tally = ManufacturerClaims::<Test>::get(2).expect("tallied");
		assert_eq!(tally, (0, 1_000), "the first device took its full claim, 1,000 points");
		// With room left, a later device gets what is left, not a fresh share.
		set_stake(2, 1_500, 7);
		let late = device_of_manufacturer(20, 2);
		assert_ok!(submit(&late, report(0, 1_000_000, 0)));
		assert_eq!(Reports::<Test>::get(0, late.code).unwrap().score, 214, "1,500 / 7 per device");
		assert_eq!(ManufacturerClaims::<Test>::get(2), Some((0, 1_214)));
		// The next era starts a fresh tally.
		set_era(2);
		assert_ok!(submit(&devices[1], report(1, 1_000_000, 0)));
		assert_eq!(ManufacturerClaims::<Test>::get(2), Some((1, 214)));
	});
}

/// Once the whole stake's backing is taken, a manufacturer's other devices report for market
/// fees only.
#[test]
fn a_manufacturers_devices_share_one_allowance_per_era() {
	new_test_ext(|| {
		set_stake(2, 1_500, 1);
		let first = device_of_manufacturer(10, 2);
		let second = device_of_manufacturer(11, 2);
		set_fees(&second, 0, 10);
		set_era(1);
		assert_ok!(submit(&first, report(0, 1_000_000, 0)));
		assert_ok!(submit(&second, report(0, 1_000_000, 0)));
		let stored = |d: &TestDevice| Reports::<Test>::get(0, d.code).unwrap();
		assert_eq!((stored(&first).score, stored(&second).score), (1_000, 500));
		assert_eq!(stored(&second).market_fees, 10);
		assert!(events()
			.iter()
			.any(|e| matches!(e, Event::Reported { score: 500, capped: true, .. })));
	});
}

#[test]
fn a_device_with_no_stake_behind_it_claims_nothing_but_may_still_sell() {
	new_test_ext(|| {
		set_stake(2, 0, 1);
		let d = device_of_manufacturer(7, 2);
		set_era(1);
		assert_noop!(submit(&d, report(0, 1_000_000, 0)), Error::<Test>::NothingToReward);
		set_fees(&d, 0, 10);
		assert_ok!(submit(&d, report(0, 1_000_000, 0)));
		let stored = Reports::<Test>::get(0, d.code).unwrap();
		assert_eq!((stored.score, stored.market_fees), (0, 10));
	});
}

#[test]
fn only_the_last_era_is_reported_on() {
	new_test_ext(|| {
		let d = device(1);
		set_era(2);
		for era in [0, 2, 3, u32::MAX] {
			assert_noop!(submit(&d, report(era, 1_000_000, 0)), Error::<Test>::WrongEra);
		}
		set_era(0);
		assert_noop!(submit(&d, report(0, 1_000_000, 0)), Error::<Test>::WrongEra);
		assert_noop!(submit(&d, report(u32::MAX, 1_000_000, 0)), Error::<Test>::WrongEra);
	});
}

#[test]
fn uptime_above_the_whole_era_is_rejected() {
	new_test_ext(|| {
		let d = device(1);
		set_era(1);
		assert_noop!(submit(&d, report(0, 1_000_001, 0)), Error::<Test>::UptimeOutOfRange);
	});
}

#[test]
fn an_unknown_device_is_rejected() {
	new_test_ext(|| {
		let d = device(1);
		set_era(1);
		let r = report(0, 1_000_000, 0);
		assert_noop!(
			EdgeMining::submit_report(
				RuntimeOrigin::signed(GATEWAY),
				DeviceCode([0x77; 15]),
				r,
				sign(&d, &r)
			),
			Error::<Test>::UnknownDevice
		);
	});
}

#[test]
fn a_suspended_device_or_frozen_manufacturer_earns_nothing() {
	new_test_ext(|| {
		let d = device(1);
		set_era(1);
		MockDevices::set_status(&d.code, DeviceStatus::Suspended { by: Role::Governance });
		assert_noop!(submit(&d, report(0, 1_000_000, 0)), Error::<Test>::DeviceNotActive);
		MockDevices::set_status(&d.code, DeviceStatus::Registered);
		assert_noop!(submit(&d, report(0, 1_000_000, 0)), Error::<Test>::DeviceNotActive);
		MockDevices::set_status(&d.code, DeviceStatus::Active);
		MockDevices::set_manufacturer_approved(1, false);
		assert_noop!(submit(&d, report(0, 1_000_000, 0)), Error::<Test>::DeviceNotActive);
	});
}

#[test]
fn a_replayed_report_is_rejected() {
	new_test_ext(|| {
		let d = device(1);
		set_era(1);
		let r = report(0, 1_000_000, 0);
		let signature = sign(&d, &r);
		assert_ok!(EdgeMining::submit_report(
			RuntimeOrigin::signed(GATEWAY),
			d.code,
			r,
			signature.clone()
		));
		assert_noop!(
			EdgeMining::submit_report(RuntimeOrigin::signed(DONOR), d.code, r, signature),
			Error::<Test>::AlreadyReported
		);
		// A second, different report on the same era is no better.
		assert_noop!(submit(&d, report(0, 900_000, 5)), Error::<Test>::AlreadyReported);
	});
}

#[test]
fn a_forged_report_is_rejected() {
	new_test_ext(|| {
		let d = device(1);
		let other = device(2);
		set_era(1);
		let r = report(0, 1_000_000, 100);
		let gateway = RuntimeOrigin::signed(GATEWAY);
		// Signed by another device's key.
		assert_noop!(
			EdgeMining::submit_report(gateway.clone(), d.code, r, sign(&other, &r)),
			Error::<Test>::BadSignature
		);
		// Changed after signing.
		let inflated = WorkReport { records: 1_000_000, ..r };
		assert_noop!(
			EdgeMining::submit_report(gateway.clone(), d.code, inflated, sign(&d, &r)),
			Error::<Test>::BadSignature
		);
		// Signed for another chain.
		let elsewhere = itc_primitives::mining::report_payload(&[1u8; 32], &d.code, &r);
		let foreign = itc_primitives::device::DeviceSignature::Ed25519(d.pair.sign(&elsewhere));
		assert_noop!(
			EdgeMining::submit_report(gateway.clone(), d.code, r, foreign),
			Error::<Test>::BadSignature
		);
		// An old era's signature on a new report.
		let old = sign(&d, &report(7, 1_000_000, 100));
		assert_noop!(
			EdgeMining::submit_report(gateway, d.code, r, old),
			Error::<Test>::BadSignature
		);
	});
}

#[test]
fn a_report_worth_nothing_is_rejected() {
	new_test_ext(|| {
		let d = device(1);
		set_era(1);
		assert_noop!(submit(&d, report(0, 999, 0)), Error::<Test>::NothingToReward);
		assert_ok!(EdgeMining::set_class_weight(
			RuntimeOrigin::root(),
			1,
			b"mock".to_vec().try_into().unwrap(),
			Some(0)
		));
		assert_noop!(submit(&d, report(0, 1_000_000, 0)), Error::<Test>::NothingToReward);
	});
}

#[test]
fn an_era_takes_what_the_sweep_can_pay() {
	new_test_ext(|| {
		assert_eq!(EdgeMining::era_capacity(), 20);
		let devices: Vec<_> = (1..=21).map(device).collect();
		set_era(1);
		for d in &devices[..20] {
			assert_ok!(submit(d, report(0, 1_000_000, 0)));
		}
		assert_noop!(submit(&devices[20], report(0, 1_000_000, 0)), Error::<Test>::EraFull);
	});
}

#[test]
fn a_rejected_report_pays_its_fee() {
	new_test_ext(|| {
		let d = device(1);
		set_era(1);
		let error = submit(&d, report(0, 1_000_001, 0)).unwrap_err();
		assert_eq!(error.post_info.pays_fee, Pays::Yes);
	});
}

#[test]
fn only_signed_origins_submit() {
	new_test_ext(|| {
		let d = device(1);
		set_era(1);
		let r = report(0, 1_000_000, 0);
		assert_noop!(
			EdgeMining::submit_report(RuntimeOrigin::none(), d.code, r, sign(&d, &r)),
			sp_runtime::DispatchError::BadOrigin
		);
	});
}
