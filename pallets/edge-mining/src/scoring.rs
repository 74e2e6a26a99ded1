//! The published scoring formula: what a work report is worth.
//!
//! ```text
//! points = uptime_ppm / 1,000                        (0 ..= 1,000)
//!        + ⌊√min(records, 1,000,000)⌋                 (0 ..= 1,000)   reported by the device
//!        + 2 · ⌊√min(anchored, 1,000,000)⌋            (0 ..= 2,000)   verified by anchors
//! score  = ⌊points · class weight / 100⌋              (class weight 0 ..= MaxClassWeight %)
//! reward = ⌊era budget · score / Σ scores of the era⌋
//! ```
//!
//! - Uptime is linear: a device up half the era earns half the uptime points.
//! - Data volume has diminishing returns (square root) and a cap, so flooding records buys
//!   little: 10,000 records score 100, a million score 1,000, more score no more.
//! - Records anchored through the DAG bridge are verified by the chain, not just claimed by
//!   the device, and count twice.
//! - So one device scores at most 4,000 points times its class weight in an era.
//! - Rewards round down, so the payouts of an era never exceed its budget.

use itc_primitives::mining::WorkReport;

/// Uptime points for a whole era up.
pub const UPTIME_POINTS: u32 = 1_000;
/// Parts per million of an era: the largest uptime.
pub const FULL_UPTIME_PPM: u32 = 1_000_000;
/// Records counted per era, reported and anchored each.
pub const RECORD_CAP: u64 = 1_000_000;
/// How many times an anchored record's points count.
pub const ANCHORED_FACTOR: u32 = 2;
/// The class weight of a class governance has not weighted, in percent.
pub const BASELINE_WEIGHT: u16 = 100;
/// The most points one report can have.
pub const MAX_POINTS: u32 = UPTIME_POINTS + (1 + ANCHORED_FACTOR) * 1_000;

/// The points of `report` with `anchored` records verified for the device. `uptime_ppm` must
/// be at most [`FULL_UPTIME_PPM`] (larger values count as full uptime).
pub fn points(report: &WorkReport, anchored: u64) -> u32 {
	let uptime = report.uptime_ppm.min(FULL_UPTIME_PPM) / (FULL_UPTIME_PPM / UPTIME_POINTS);
	let reported = isqrt(report.records.min(RECORD_CAP));
	let verified = ANCHORED_FACTOR * isqrt(anchored.min(RECORD_CAP));
	uptime + reported + verified
}

/// The score of `points` for a class of weight `weight_percent`.
pub fn score(points: u32, weight_percent: u16) -> u32 {
	let weighted = u64::from(points) * u64::from(weight_percent) / 100;
	u32::try_from(weighted).unwrap_or(u32::MAX)
}

/// A device's share of `budget`: `⌊budget · score / total⌋`; zero if `total` is zero.
pub fn reward(budget: u128, score: u32, total: u64) -> u128 {
	if total == 0 {
		return 0;
	}
	sp_runtime::helpers_128bit::multiply_by_rational_with_rounding(
		budget,
		u128::from(score),
		u128::from(total),
		sp_runtime::Rounding::Down,
	)
	.unwrap_or(0)
}

/// `⌊√n⌋` for `n ≤ 2^32` (Newton's method on integers).
fn isqrt(n: u64) -> u32 {
	if n < 2 {
		return n as u32;
	}
	let mut x = n;
	let mut y = x.div_ceil(2);
	while y < x {
		x = y;
		y = (x + n / x) / 2;
	}
	x as u32
}

#[cfg(test)]
mod tests {
	use super::*;

	fn report(uptime_ppm: u32, records: u64) -> WorkReport {
		WorkReport { era: 0, uptime_ppm, records, coverage_cell: None }
	}

	#[test]
	fn isqrt_is_the_floor_of_the_square_root() {
		for n in 0..20_000u64 {
			let r = u64::from(isqrt(n));
			assert!(r * r <= n && (r + 1) * (r + 1) > n, "{n}");
		}
		assert_eq!(isqrt(RECORD_CAP), 1_000);
		assert_eq!(isqrt(RECORD_CAP - 1), 999);
	}

	#[test]
	fn the_formula_has_the_published_points() {
		assert_eq!(points(&report(0, 0), 0), 0);
		assert_eq!(points(&report(FULL_UPTIME_PPM, 0), 0), 1_000);
		assert_eq!(points(&report(500_000, 0), 0), 500);
		assert_eq!(points(&report(999, 0), 0), 0);
		assert_eq!(points(&report(0, 10_000), 0), 100);
		assert_eq!(points(&report(0, 10_000), 10_000), 300);
		assert_eq!(points(&report(FULL_UPTIME_PPM, u64::MAX), u64::MAX), MAX_POINTS);
		assert_eq!(MAX_POINTS, 4_000);
	}

	#[test]
	fn records_have_diminishing_returns_and_a_cap() {
		let per_record = |records: u64| points(&report(0, records), 0) as f64 / records as f64;
		assert!(per_record(100) > per_record(10_000));
		assert!(per_record(10_000) > per_record(RECORD_CAP));
		assert_eq!(points(&report(0, RECORD_CAP), 0), points(&report(0, 10 * RECORD_CAP), 0));
	}

	#[test]
	fn class_weight_scales_the_score() {
		assert_eq!(score(1_000, BASELINE_WEIGHT), 1_000);
		assert_eq!(score(1_000, 250), 2_500);
		assert_eq!(score(1_000, 0), 0);
		assert_eq!(score(MAX_POINTS, u16::MAX), 2_621_400);
	}

	#[test]
	fn rewards_round_down_and_never_exceed_the_budget() {
		assert_eq!(reward(100, 1, 3), 33);
		assert_eq!(reward(100, 1, 0), 0);
		let budget = 54_753 * itc_primitives::token::ITC + 7;
		let scores = [4_000u32, 1, 3_999, 2_500, 17, 1_000];
		let total: u64 = scores.iter().map(|s| u64::from(*s)).sum();
		let paid: u128 = scores.iter().map(|s| reward(budget, *s, total)).sum();
		assert!(paid <= budget);
		assert!(budget - paid < scores.len() as u128, "at most one planck lost per device");
	}
}
