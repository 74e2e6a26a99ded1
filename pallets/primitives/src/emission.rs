//! The mining-pool emission curve: a pure function of the era.
//!
//! An *era* is one wall-clock day since genesis ([`crate::time::DAY_MS`], read through
//! [`crate::WallClock`], so missed slots do not stretch the schedule). The pool is emitted over
//! [`ERAS`] eras — 20 Gregorian years, 7,305 days — at a rate that falls linearly from twice the
//! average in era 0 to zero after the last era. With `t = era / ERAS` the share of the pool
//! whose emission has been *allowed* before an era is
//!
//! ```text
//! F(t) = t · (2 − t)        so F(0) = 0, F(1) = 1, and half the pool is allowed by t ≈ 0.293
//! ```
//!
//! (year 5.86). In integers, with `P` the pool and `E` = [`ERAS`]:
//!
//! ```text
//! allowed_before(e) = ⌊ P · e · (2E − e) / E² ⌋          (e ≤ E; = P for e ≥ E)
//! era_budget(e)     = allowed_before(e + 1) − allowed_before(e)
//! ```
//!
//! Budgets telescope, so the budgets of all eras sum to exactly `P`: the cap holds by
//! construction, whatever the rounding. Budget an era does not pay out stays in the pool; it
//! is not carried into later eras (so the curve, not past activity, says what an era may pay).

/// Eras (wall-clock days) over which the pool is emitted: 20 × 365.2425 days, rounded up.
pub const ERAS: u32 = 7_305;

/// The part of `pool` whose emission is allowed before era `era` starts.
pub fn allowed_before(pool: u128, era: u32) -> u128 {
	if era >= ERAS {
		return pool;
	}
	let e = u128::from(era);
	let total = u128::from(ERAS);
	// pool ≤ 2^128 / (E · 2E) is needed for no overflow: with E = 7,305 that is any pool up
	// to 3.2 · 10^30 plancks, far above the 2 · 10^20 of the mining pool. Beyond it, fall back
	// to a form that divides first (losing only rounding, never exceeding the pool).
	match pool.checked_mul(e * (2 * total - e)) {
		Some(product) => product / (total * total),
		None => pool / (total * total) * (e * (2 * total - e)),
	}
}

/// What era `era` may pay out of `pool`: zero from era [`ERAS`] on.
pub fn era_budget(pool: u128, era: u32) -> u128 {
	allowed_before(pool, era.saturating_add(1)) - allowed_before(pool, era)
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::token::{share, TOTAL_SUPPLY};

	/// The mining pool of the token model: 25 % of 800,000,000 ITC.
	fn pool() -> u128 {
		TOTAL_SUPPLY / 100 * share::MINING_POOL
	}

	#[test]
	fn the_mining_pool_is_200_million_itc() {
		assert_eq!(pool(), 200_000_000 * crate::token::ITC);
	}

	#[test]
	fn every_era_of_the_20_years_sums_to_exactly_the_pool() {
		let pool = pool();
		let mut paid = 0u128;
		let mut previous = u128::MAX;
		for era in 0..ERAS {
			let budget = era_budget(pool, era);
			assert!(budget <= previous, "era {era}: the budget rose");
			assert!(budget > 0, "era {era}: nothing to pay before the end");
			paid += budget;
			assert_eq!(paid, allowed_before(pool, era + 1));
			assert!(paid <= pool, "era {era}: over the cap");
			previous = budget;
		}
		assert_eq!(paid, pool);
	}

	#[test]
	fn nothing_is_emitted_after_the_20_years() {
		for era in [ERAS, ERAS + 1, u32::MAX - 1, u32::MAX] {
			assert_eq!(era_budget(pool(), era), 0);
			assert_eq!(allowed_before(pool(), era), pool());
		}
	}

	#[test]
	fn the_curve_has_the_published_shape() {
		let pool = pool();
		let itc = crate::token::ITC;
		// Era 0 pays about twice the average day (200M / 7,305 = 27,379 ITC).
		assert_eq!(era_budget(pool, 0) / itc, 54_753);
		// Half the pool by the end of year 5.86 (era 2,139–2,140).
		assert!(allowed_before(pool, 2_139) < pool / 2);
		assert!(allowed_before(pool, 2_140) >= pool / 2);
		// Three quarters by year 10 (F(0.5) = 0.75).
		assert_eq!(allowed_before(pool, ERAS / 2 + 1) * 100 / pool, 75);
		// The last day pays almost nothing.
		assert!(era_budget(pool, ERAS - 1) < 4 * itc);
	}

	#[test]
	fn the_yearly_figures_of_the_docs_hold() {
		// docs/EDGE_MINING.md: year 1 (eras 0–364) and year 20 (eras 6939–7304).
		let (pool, itc) = (pool(), crate::token::ITC);
		assert_eq!(allowed_before(pool, 365) / itc, 19_486_994);
		assert_eq!((pool - allowed_before(pool, 6_939)) / itc, 502_055);
	}

	#[test]
	fn a_pool_too_large_for_the_exact_form_still_never_exceeds_itself() {
		let pool = u128::MAX / 2;
		let mut previous = 0;
		for era in (0..=ERAS).step_by(97).chain([ERAS - 1, ERAS]) {
			let allowed = allowed_before(pool, era);
			assert!(allowed <= pool && allowed >= previous);
			previous = allowed;
		}
	}
}
