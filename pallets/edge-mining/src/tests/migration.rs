//! The version 2 migration: reports and eras gain market fees, and the era taking reports its
//! manufacturers' tallies of claims.

use crate::{
	migrations::v2::{OldEraSummary, OldScoredReport, RecordMarketFees},
	mock::*,
	*,
};
use frame_support::{
	assert_ok,
	storage::unhashed,
	traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
};

/// Rewrites every report and era in version 1's encoding and drops the tallies, which version
/// 1 did not have.
fn back_to_version_1() {
	for (era, device, report) in Reports::<Test>::iter().collect::<Vec<_>>() {
		assert_eq!(report.market_fees, 0, "version 1 had no market fees");
		let old = OldScoredReport {
			score: report.score,
			uptime_ppm: report.uptime_ppm,
			records: report.records,
			anchored: report.anchored,
			coverage_cell: report.coverage_cell,
		};
		unhashed::put(&Reports::<Test>::hashed_key_for(era, device), &old);
	}
	for (era, summary) in Eras::<Test>::iter().collect::<Vec<_>>() {
		let old = OldEraSummary {
			reports: summary.reports,
			total_score: summary.total_score,
			paid: summary.paid,
		};
		unhashed::put(&Eras::<Test>::hashed_key_for(era), &old);
	}
	let _ = ManufacturerClaims::<Test>::clear(u32::MAX, None);
	StorageVersion::new(1).put::<EdgeMining>();
}

#[test]
fn the_v2_migration_keeps_every_report_and_tallies_the_reporting_era() {
	new_test_ext(|| {
		let (a, b, c) = (device(1), device(2), device_of_manufacturer(3, 2));
		set_era(1);
		assert_ok!(submit(&a, report(0, 1_000_000, 0)));
		assert_ok!(submit(&b, report(0, 500_000, 0)));
		set_era(2);
		// Era 0 closed and part paid; era 1 takes reports.
		next_block();
		assert_ok!(submit(&a, report(1, 1_000_000, 0)));
		assert_ok!(submit(&b, report(1, 250_000, 0)));
		assert_ok!(submit(&c, report(1, 1_000_000, 0)));
		let reports = Reports::<Test>::iter().collect::<Vec<_>>();
		let eras = Eras::<Test>::iter().collect::<Vec<_>>();
		let tallies = ManufacturerClaims::<Test>::iter().collect::<Vec<_>>();
		assert_eq!(tallies.len(), 2, "two manufacturers reported in era 1");
		back_to_version_1();
		#[cfg(feature = "try-runtime")]
		let state = {
			use frame_support::traits::UncheckedOnRuntimeUpgrade;
			migrations::v2::Unversioned::<Test>::pre_upgrade().expect("pre_upgrade")
		};

		RecordMarketFees::<Test>::on_runtime_upgrade();

		#[cfg(feature = "try-runtime")]
		{
			use frame_support::traits::UncheckedOnRuntimeUpgrade;
			migrations::v2::Unversioned::<Test>::post_upgrade(state).expect("post_upgrade");
		}
		assert_eq!(EdgeMining::on_chain_storage_version(), 2);
		assert_eq!(Reports::<Test>::iter().collect::<Vec<_>>(), reports);
		assert_eq!(Eras::<Test>::iter().collect::<Vec<_>>(), eras);
		assert_eq!(ManufacturerClaims::<Test>::iter().collect::<Vec<_>>(), tallies);
		EdgeMining::do_try_state().expect("invariants hold after the migration");

		// Era 1 pays out after it as version 1 would have: its budget pro rata to the scores,
		// each share rounded down.
		let budget = u128::from(EdgeMining::era_budget(Pool::Mining, 1));
		let scores: Vec<u128> =
			reports.iter().filter(|(era, ..)| *era == 1).map(|(.., r)| r.score.into()).collect();
		let total: u128 = scores.iter().sum();
		let expected: u128 = scores.iter().map(|score| budget * score / total).sum();
		set_era(3);
		pay_all();
		assert_eq!(Reports::<Test>::iter().count(), 0);
		assert_eq!(u128::from(Eras::<Test>::get(1).paid), expected);
		// Run again (the version is 2 now), it changes nothing.
		RecordMarketFees::<Test>::on_runtime_upgrade();
		assert_eq!(u128::from(Eras::<Test>::get(1).paid), expected);
	});
}
