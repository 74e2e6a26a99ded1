//! `pallet_data_market`: device data sold for escrowed payments, keys released with no
//! trusted party, data bounties.

use crate::{accounts, AccountId, Balance, BlockNumber, Devices, Runtime, RuntimeHoldReason};
use frame_support::parameter_types;
use itc_primitives::{time::DAYS, token::ITC};
use sp_runtime::Permill;

parameter_types! {
	/// Market fees go to the community construction and incentives fund.
	pub CommunityFund: AccountId = accounts::community_fund();
	/// The market's pot, which holds every escrow, bond and bounty.
	pub const MarketPot: frame_support::PalletId = accounts::MARKET_POT_ID;
	/// 2 % of each settled sale.
	pub const MarketFee: Permill = Permill::from_percent(2);
	/// A buyer who disputes a key that turns out right pays the seller 10 % of the price:
	/// the dispute published the key.
	pub const DisputeFee: Permill = Permill::from_percent(10);
	/// The smallest bond a listing takes (a buyer who proves a wrong key gets it).
	pub const MinSellerBond: Balance = 10 * ITC;
	/// A day to deliver the key after a purchase.
	pub const DeliveryPeriod: BlockNumber = DAYS;
	/// Three days to confirm or dispute after delivery.
	pub const ConfirmationPeriod: BlockNumber = 3 * DAYS;
	/// Listings run for at most a year before they must be renewed.
	pub const MaxListingLifetime: BlockNumber = 365 * DAYS;
	/// Bounties run for at most 90 days.
	pub const MaxBountyLifetime: BlockNumber = 90 * DAYS;
	/// Text CIDs (CIDv1 base32 of a SHA-256 is 59 bytes) with room for longer hashes.
	pub const MaxCidLength: u32 = 128;
	/// Answers one bounty takes.
	pub const MaxAnswers: u32 = 64;
	/// Deadlines acted on in one block's `on_initialize`; docs/BENCHMARKS.md has its weight.
	pub const MaxDeadlinesPerBlock: u32 = 64;
}

impl pallet_data_market::Config for Runtime {
	type Currency = crate::Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Devices = Devices;
	type FeeDestination = CommunityFund;
	type PalletId = MarketPot;
	type MarketFee = MarketFee;
	type DisputeFee = DisputeFee;
	type MinSellerBond = MinSellerBond;
	type DeliveryPeriod = DeliveryPeriod;
	type ConfirmationPeriod = ConfirmationPeriod;
	type MaxListingLifetime = MaxListingLifetime;
	type MaxBountyLifetime = MaxBountyLifetime;
	type MaxCidLength = MaxCidLength;
	type MaxAnswers = MaxAnswers;
	type MaxDeadlinesPerBlock = MaxDeadlinesPerBlock;
	type CurrentEra = super::edge_mining::MiningEra;
	type WeightInfo = pallet_data_market::weights::SubstrateWeight<Runtime>;
}
