//! The published scoring formula: what a work report is worth.
//!
//! Two kinds of evidence are paid, separately:
//!
//! ```text
//! claim points c₀ = ⌊uptime_ppm / 1,000⌋                      (0 ..= 1,000)   claimed
//!                 + ⌊√min(records, anchored, 1,000,000)⌋       (0 ..= 1,000)   claimed, as far as anchored
//! claim score  c  = min(⌊c₀ · class weight / 100⌋, allowance)
//! allowance       = ⌊manufacturer's stake per device / StakePerClaimPoint⌋
//! market fees  f  = fees of the device's data sales settled in the era
//!
//! B = the era's budget, C = Σ c, F = Σ f over the era's reports
//! M = min(MarketShare · B, FeeRebate · F)                      the market's part
//! reward = ⌊(B − M) · c / C⌋ + ⌊M · f / F⌋
//! ```
//!
//! - *Claims* (uptime, records) are the device's word. They are bounded by what its
//!   manufacturer has at stake per device, which governance can slash: however many devices a
//!   manufacturer makes up, together they claim no more than its stake backs. Records count
//!   only as far as the DAG anchored the device's records in the era, and with diminishing
//!   returns (square root) and a cap.
//! - *Market fees* cost whoever pays them the fee, which goes to the community fund. A sale
//!   earns back at most `FeeRebate` of its fee (below one): trading a device's data with
//!   oneself to earn rewards loses money. The market's part is at most `MarketShare` of the
//!   era; what it does not take goes to the claims.
//! - Rewards round down, so the payouts of an era never exceed its budget.

use sp_runtime::{traits::SaturatedConversion, Perbill};

use itc_primitives::mining::WorkReport;

/// Uptime points for a whole era up.
pub const UPTIME_POINTS: u32 = 1_000;
/// Parts per million of an era: the largest uptime.
pub const FULL_UPTIME_PPM: u32 = 1_000_000;
/// Records counted per era.
pub const RECORD_CAP: u64 = 1_000_000;
/// The class weight of a class governance has not weighted, in percent.
pub const BASELINE_WEIGHT: u16 = 100;
/// The most claim points one report can have.
pub const MAX_CLAIM_POINTS: u32 = UPTIME_POINTS + 1_000;

/// The claim points of `report` with `anchored` records anchored for the device.
/// `uptime_ppm` must be at most [`FULL_UPTIME_PPM`] (larger values count as full uptime).
pub fn claim_points(report: &WorkReport, anchored: u64) -> u32 {
	let uptime = report.uptime_ppm.min(FULL_UPTIME_PPM) / (FULL_UPTIME_PPM / UPTIME_POINTS);
	let records = isqrt(report.records.min(anchored).min(RECORD_CAP));
	uptime + records
}

/// The score of `points` for a class of weight `weight_percent`.
pub fn score(points: u32, weight_percent: u16) -> u32 {
	let weighted = u64::from(points) * u64::from(weight_percent) / 100;
	u32::try_from(weighted).unwrap_or(u32::MAX)
}

/// The most claim score a device backed by `stake_per_device` can have, at
/// `stake_per_point` per point.
pub fn allowance(stake_per_device: u128, stake_per_point: u128) -> u32 {
	stake_per_device.checked_div(stake_per_point).unwrap_or(0).saturated_into()
}

/// The most claim score all devices of a manufacturer whose stake is `stake` can have
/// together in an era, at `stake_per_point` per point.
pub fn era_allowance(stake: u128, stake_per_point: u128) -> u64 {
	stake.checked_div(stake_per_point).unwrap_or(0).saturated_into()
}

/// The market's part of an era's `budget` given its reports' `total_fees`.
pub fn market_budget(budget: u128, total_fees: u128, share: Perbill, rebate: Perbill) -> u128 {
	// Rounded down: a rebate never reaches its fee, however small.
	share.mul_floor(budget).min(rebate.mul_floor(total_fees))
}

/// A device's reward from an era's `budget` of which `market` goes to fees: its claim score
/// `claim` of the era's `total_claims`, and its fees `fees` of the era's `total_fees`.
pub fn reward(
	budget: u128,
	market: u128,
	(claim, total_claims): (u32, u64),
	(fees, total_fees): (u128, u128),
) -> u128 {
	let claims = budget.saturating_sub(market);
	share(claims, u128::from(claim), u128::from(total_claims))
		.saturating_add(share(market, fees, total_fees))
}

/// `⌊amount · part / whole⌋`; zero if `whole` is zero.
pub fn share(amount: u128, part: u128, whole: u128) -> u128 {
	if whole == 0 {
		return 0;
	}
	sp_runtime::helpers_128bit::multiply_by_rational_with_rounding(
		amount,
		part,
		whole,
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
		assert_eq!(claim_points(&report(0, 0), 0), 0);
		assert_eq!(claim_points(&report(FULL_UPTIME_PPM, 0), 0), 1_000);
		assert_eq!(claim_points(&report(500_000, 0), 0), 500);
		assert_eq!(claim_points(&report(999, 0), 0), 0);
		assert_eq!(claim_points(&report(0, 10_000), 10_000), 100);
		assert_eq!(claim_points(&report(FULL_UPTIME_PPM, u64::MAX), u64::MAX), MAX_CLAIM_POINTS);
		assert_eq!(MAX_CLAIM_POINTS, 2_000);
	}

	#[test]
	fn records_count_only_as_far_as_anchored() {
		assert_eq!(claim_points(&report(0, 10_000), 0), 0, "nothing anchored: nothing counts");
		assert_eq!(claim_points(&report(0, 10_000), 2_500), 50);
		assert_eq!(claim_points(&report(0, 2_500), 10_000), 50, "nor more than claimed");
	}

	#[test]
	fn records_have_diminishing_returns_and_a_cap() {
		let per_record =
			|records: u64| claim_points(&report(0, records), records) as f64 / records as f64;
		assert!(per_record(100) > per_record(10_000));
		assert!(per_record(10_000) > per_record(RECORD_CAP));
		let all = u64::MAX;
		assert_eq!(claim_points(&report(0, RECORD_CAP), all), claim_points(&report(0, all), all));
	}

	#[test]
	fn class_weight_scales_the_score() {
		assert_eq!(score(1_000, BASELINE_WEIGHT), 1_000);
		assert_eq!(score(1_000, 250), 2_500);
		assert_eq!(score(1_000, 0), 0);
		assert_eq!(score(MAX_CLAIM_POINTS, u16::MAX), 1_310_700);
	}

	#[test]
	fn the_allowance_is_the_stake_per_device_over_the_stake_per_point() {
		assert_eq!(allowance(2_000, 1), 2_000);
		assert_eq!(allowance(2_000, 3), 666);
		assert_eq!(allowance(2_000, 0), 0, "a zero price of a point allows nothing");
		assert_eq!(allowance(u128::MAX, 1), u32::MAX);
	}

	#[test]
	fn the_era_allowance_is_the_whole_stake_over_the_stake_per_point() {
		assert_eq!(era_allowance(1_000_000, 1_000), 1_000);
		assert_eq!(era_allowance(1_000_000, 0), 0, "a zero price of a point allows nothing");
		assert_eq!(era_allowance(u128::MAX, 1), u64::MAX);
	}

	#[test]
	fn the_market_takes_at_most_its_share_and_never_more_than_the_rebated_fees() {
		let (half, rebate) = (Perbill::from_percent(50), Perbill::from_percent(75));
		assert_eq!(market_budget(1_000, 400, half, rebate), 300);
		assert_eq!(market_budget(1_000, 10_000, half, rebate), 500);
		assert_eq!(market_budget(1_000, 0, half, rebate), 0);
	}

	#[test]
	fn rewards_round_down_and_never_exceed_the_budget() {
		assert_eq!(share(100, 1, 3), 33);
		assert_eq!(share(100, 1, 0), 0);
		let budget = 54_753 * itc_primitives::token::ITC + 7;
		let claims = [2_000u32, 1, 1_999, 0, 17, 1_000];
		let fees = [0u128, 5, 1_000_000, 77, 0, 3];
		let total_claims: u64 = claims.iter().map(|c| u64::from(*c)).sum();
		let total_fees: u128 = fees.iter().sum();
		let market =
			market_budget(budget, total_fees, Perbill::from_percent(50), Perbill::from_percent(75));
		let paid: u128 = claims
			.iter()
			.zip(fees)
			.map(|(c, f)| reward(budget, market, (*c, total_claims), (f, total_fees)))
			.sum();
		assert!(paid <= budget);
		assert!(budget - paid < 2 * claims.len() as u128, "at most two plancks lost per device");
	}
}
