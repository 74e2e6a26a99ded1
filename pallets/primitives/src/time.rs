//! Wall-clock time of the chain.

use crate::Moment;

/// Milliseconds per Aura slot: one block every 3 s.
pub const MILLISECS_PER_BLOCK: u64 = 3_000;
/// Slot duration of Aura, in milliseconds.
pub const SLOT_DURATION: u64 = MILLISECS_PER_BLOCK;
/// Blocks per minute when no slot is missed.
pub const MINUTES: u32 = 60_000 / (MILLISECS_PER_BLOCK as u32);
/// Blocks per hour when no slot is missed.
pub const HOURS: u32 = MINUTES * 60;
/// Blocks per day when no slot is missed.
pub const DAYS: u32 = HOURS * 24;

/// One second in milliseconds.
pub const SECOND_MS: Moment = 1_000;
/// One day in milliseconds.
pub const DAY_MS: Moment = 86_400 * SECOND_MS;
/// One month in milliseconds: a twelfth of the mean Gregorian year (365.2425 days), so
/// that 12 months are exactly one year of wall-clock time.
pub const MONTH_MS: Moment = 2_629_746 * SECOND_MS;

/// Wall-clock time elapsed since the chain's genesis moment.
///
/// Schedules that are defined in calendar time (vesting milestones, emission years) read this
/// instead of block numbers, so that missed slots do not delay them.
pub trait WallClock {
	/// Milliseconds elapsed since the genesis moment; zero before the first block.
	fn elapsed_ms() -> Moment;
}

/// A clock that never moves, for pallets and tests that do not need one.
impl WallClock for () {
	fn elapsed_ms() -> Moment {
		0
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn twelve_months_are_a_gregorian_year() {
		assert_eq!(12 * MONTH_MS, 365_2425 * DAY_MS / 10_000);
	}
}
