//! What must hold after every block, whatever the calls were.
//!
//! 1. Every pallet of ours passes its own `do_try_state`.
//! 2. The supply is fixed: total issuance is 800 M ITC, nothing is inactive, and the accounts'
//!    free and reserved balances add up to it exactly.
//! 3. Every account's books balance: its reserved balance is exactly its holds plus its
//!    multisig deposits (the one `ReservableCurrency` user); its frozen balance is the largest
//!    lock or freeze; no account has consumers without providers.
//! 4. Money committed by a pallet sits where that pallet says: market, DAG and manufacturer
//!    deposit holds only on their pots (the registry's own `try_state` checks the deposits
//!    against the records), pool holds only on the pools; vesting freezes only on accounts
//!    with a schedule.

use itc_primitives::token::TOTAL_SUPPLY;
use itc_runtime::{accounts, AccountId, Balance, Runtime, RuntimeHoldReason};
use std::collections::BTreeMap;

/// A broken invariant.
pub type Violation = String;

/// Checks every invariant.
pub fn check() -> Result<(), Violation> {
	pallets()?;
	supply()?;
	books()?;
	holds()
}

fn pallets() -> Result<(), Violation> {
	let named = |name: &str, r: Result<(), sp_runtime::TryRuntimeError>| {
		r.map_err(|e| format!("{name}::try_state: {e:?}"))
	};
	named("Manufacturers", itc_runtime::Manufacturers::do_try_state())?;
	named("Devices", itc_runtime::Devices::do_try_state())?;
	named("DataMarket", itc_runtime::DataMarket::do_try_state())?;
	named("EdgeMining", itc_runtime::EdgeMining::do_try_state())?;
	named("DagAccounts", itc_runtime::DagAccounts::do_try_state())?;
	named("DagAnchor", itc_runtime::DagAnchor::do_try_state())?;
	named("Vesting", itc_runtime::Vesting::do_try_state())?;
	named("ChainClock", itc_runtime::ChainClock::do_try_state())
}

fn supply() -> Result<(), Violation> {
	let issuance = pallet_balances::TotalIssuance::<Runtime>::get();
	if issuance != TOTAL_SUPPLY {
		return Err(format!("total issuance {issuance} is not the fixed supply {TOTAL_SUPPLY}"));
	}
	let inactive = pallet_balances::InactiveIssuance::<Runtime>::get();
	if inactive != 0 {
		return Err(format!("inactive issuance {inactive}"));
	}
	let sum: Balance = frame_system::Account::<Runtime>::iter()
		.map(|(_, info)| info.data.free + info.data.reserved)
		.sum();
	if sum != issuance {
		return Err(format!("accounts hold {sum}, issuance is {issuance}"));
	}
	Ok(())
}

fn books() -> Result<(), Violation> {
	let mut deposits = BTreeMap::<AccountId, Balance>::new();
	for (_, _, multisig) in pallet_multisig::Multisigs::<Runtime>::iter() {
		*deposits.entry(multisig.depositor).or_default() += multisig.deposit;
	}
	for (who, info) in frame_system::Account::<Runtime>::iter() {
		if info.consumers > 0 && info.providers == 0 && info.sufficients == 0 {
			return Err(format!("{who}: consumers without providers"));
		}
		let held: Balance =
			pallet_balances::Holds::<Runtime>::get(&who).iter().map(|h| h.amount).sum();
		let expected = held + deposits.get(&who).copied().unwrap_or_default();
		if info.data.reserved != expected {
			return Err(format!(
				"{who}: reserved {} but holds and deposits are {expected}",
				info.data.reserved
			));
		}
		let locks = pallet_balances::Locks::<Runtime>::get(&who).iter().map(|l| l.amount).max();
		let freezes = pallet_balances::Freezes::<Runtime>::get(&who).iter().map(|f| f.amount).max();
		let frozen = locks.unwrap_or_default().max(freezes.unwrap_or_default());
		if info.data.frozen != frozen {
			return Err(format!(
				"{who}: frozen {} but locks and freezes say {frozen}",
				info.data.frozen
			));
		}
	}
	Ok(())
}

fn holds() -> Result<(), Violation> {
	use pallet_edge_mining::HoldReason as Mining;
	let market_pot = itc_runtime::DataMarket::pot();
	let dag_pot = itc_runtime::DagAccounts::pot();
	let registry_pot = itc_runtime::Manufacturers::pot();
	for (who, holds) in pallet_balances::Holds::<Runtime>::iter() {
		for hold in holds.iter() {
			let allowed = match hold.id {
				RuntimeHoldReason::DataMarket(_) => who == market_pot,
				RuntimeHoldReason::DagAccounts(_) => who == dag_pot,
				RuntimeHoldReason::EdgeMining(Mining::MiningPool) => who == accounts::mining_pool(),
				RuntimeHoldReason::EdgeMining(Mining::NodeIncentives) => {
					who == accounts::node_incentives()
				},
				RuntimeHoldReason::Manufacturers(_) => who == registry_pot,
				_ => true,
			};
			if !allowed {
				return Err(format!("{who}: a {:?} hold of {} off its pot", hold.id, hold.amount));
			}
		}
	}
	for (who, freezes) in pallet_balances::Freezes::<Runtime>::iter() {
		if !freezes.is_empty() && pallet_token_vesting::ScheduleOf::<Runtime>::get(&who).is_none() {
			return Err(format!("{who}: a vesting freeze without a schedule"));
		}
	}
	Ok(())
}
