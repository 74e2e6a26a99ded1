//! The accounts of the genesis buckets that no key controls.
//!
//! | bucket | share | account |
//! |---|---|---|
//! | mining-reward pool | 25 % | [`mining_pool`], from `PalletId(*b"itc/mine")` |
//! | community fund | 20 % | [`community_fund`], from `PalletId(*b"itc/comm")` |
//! | node incentives | 10 % | [`node_incentives`], from `PalletId(*b"itc/node")` |
//!
//! Pots that hold money committed to a pallet, not genesis buckets (they start empty):
//!
//! | pot | account |
//! |---|---|
//! | data market: escrows, seller bonds, bounties | `PalletId(*b"itc/mrkt")` |
//! | DAG micro-accounts: locked spending funds | `PalletId(*b"itc/dagp")` |
//! | manufacturer registry: deposits (stake) | `PalletId(*b"itc/mfrs")` |
//!
//! Their addresses are `"modl" ++ pallet id` padded with zeros (see
//! `AccountIdConversion::into_account_truncating`), so anyone can recompute them. Circulation
//! (25 %) and the R&D team (20 %) are held by keys named in each genesis preset.

use crate::AccountId;
use frame_support::PalletId;
use sp_runtime::traits::AccountIdConversion;

/// Pallet id of the mining-reward pool.
pub const MINING_POOL_ID: PalletId = PalletId(*b"itc/mine");
/// Pallet id of the community construction and incentives fund.
pub const COMMUNITY_FUND_ID: PalletId = PalletId(*b"itc/comm");
/// Pallet id of the node-incentives pool, which pays validators.
pub const NODE_INCENTIVES_ID: PalletId = PalletId(*b"itc/node");

/// Pallet id of the data market's pot.
pub const MARKET_POT_ID: PalletId = PalletId(*b"itc/mrkt");
/// Pallet id of the DAG micro-accounts' pot.
pub const DAG_POT_ID: PalletId = PalletId(*b"itc/dagp");
/// Pallet id of the manufacturer registry's pot (deposits).
pub const REGISTRY_POT_ID: PalletId = PalletId(*b"itc/mfrs");

/// The mining-reward pool account.
pub fn mining_pool() -> AccountId {
	MINING_POOL_ID.into_account_truncating()
}

/// The community fund account.
pub fn community_fund() -> AccountId {
	COMMUNITY_FUND_ID.into_account_truncating()
}

/// The node-incentives pool account. Transaction fees flow here too (nothing is burned), and
/// each block's author receives what came in since the last block.
pub fn node_incentives() -> AccountId {
	NODE_INCENTIVES_ID.into_account_truncating()
}
