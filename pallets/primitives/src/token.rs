//! The ITC token: units, supply and the genesis allocation of the IONChain token model.

use crate::Balance;

/// Decimal places of ITC.
pub const DECIMALS: u8 = 12;
/// One ITC in plancks.
pub const ITC: Balance = 1_000_000_000_000;
/// One thousandth of an ITC.
pub const MILLI_ITC: Balance = ITC / 1_000;
/// One millionth of an ITC.
pub const MICRO_ITC: Balance = ITC / 1_000_000;
/// Token symbol shown by wallets.
pub const SYMBOL: &str = "ITC";
/// SS58 address prefix (the generic Substrate prefix).
pub const SS58_PREFIX: u16 = 42;

/// The fixed supply created at genesis: 800,000,000 ITC. Nothing mints after genesis.
pub const TOTAL_SUPPLY: Balance = 800_000_000 * ITC;

/// Shares of [`TOTAL_SUPPLY`] per genesis bucket, in percent (IONChain token model).
pub mod share {
	/// Circulation: distributed at genesis.
	pub const CIRCULATION: u128 = 25;
	/// Mining-reward pool, emitted to devices over 20 years.
	pub const MINING_POOL: u128 = 25;
	/// Community construction and incentives: a governed fund.
	pub const COMMUNITY_FUND: u128 = 20;
	/// R&D team, vesting over 36 months.
	pub const TEAM: u128 = 20;
	/// Node incentives: pays the validators.
	pub const NODE_INCENTIVES: u128 = 10;
}

/// The amount of a bucket given its share in percent.
pub const fn bucket(percent: u128) -> Balance {
	TOTAL_SUPPLY / 100 * percent
}

/// Team tranches: (months after genesis, percent of the team bucket) — 33 % at month 12,
/// 33 % at month 24, 34 % at month 36.
pub const TEAM_TRANCHES: [(u32, u128); 3] = [(12, 33), (24, 33), (36, 34)];

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn buckets_add_up_to_total_supply() {
		let sum = bucket(share::CIRCULATION)
			+ bucket(share::MINING_POOL)
			+ bucket(share::COMMUNITY_FUND)
			+ bucket(share::TEAM)
			+ bucket(share::NODE_INCENTIVES);
		assert_eq!(sum, TOTAL_SUPPLY);
		assert_eq!(TOTAL_SUPPLY, 800_000_000_000_000_000_000);
	}

	#[test]
	fn team_tranches_add_up_to_the_team_bucket() {
		let team = bucket(share::TEAM);
		let sum: Balance = TEAM_TRANCHES.iter().map(|(_, p)| team / 100 * p).sum();
		assert_eq!(sum, team);
		assert_eq!(TEAM_TRANCHES.iter().map(|(_, p)| p).sum::<u128>(), 100);
	}
}
