//! `try_state`: what must hold after every block.

use crate::*;
use frame_support::{ensure, traits::fungible::InspectHold};
use itc_primitives::{
	device::{DeviceRegistry, ManufacturerId},
	mining::EraIndex,
};
use sp_runtime::{traits::Saturating, TryRuntimeError};

impl<T: Config> Pallet<T> {
	/// Checks the pallet's invariants:
	/// - each pool: held on its account + paid out = its genesis amount;
	/// - each era paid at most its budget, and the eras' payouts add up to the mining pool's;
	/// - the reports not yet paid are exactly those after the payout cursor, one per
	///   reporter entry, and the scores and market fees of an era not yet paid add up to its
	///   totals;
	/// - in the era taking reports, each manufacturer's tally of claims is the sum of its
	///   devices' scores;
	/// - block authors were paid at most the era's node-incentive budget.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		for pool in [Pool::Mining, Pool::NodeIncentives] {
			let state = Emission::<T>::get(pool);
			let held = T::Currency::balance_on_hold(
				&HoldReason::from(pool).into(),
				&Self::pool_account(pool),
			);
			ensure!(
				held.saturating_add(state.paid) == state.initial,
				"pool: held + paid ≠ initial"
			);
		}

		let (cursor_era, cursor_index) = PayoutCursor::<T>::get();
		let mut paid = BalanceOf::<T>::default();
		let mut unpaid_reports = 0usize;
		for (era, summary) in Eras::<T>::iter() {
			ensure!(
				summary.paid <= Self::era_budget(Pool::Mining, era),
				"an era paid more than its budget"
			);
			paid.saturating_accrue(summary.paid);
			let unpaid = Self::unpaid_in(era, summary.reports, cursor_era, cursor_index);
			let mut scores = 0u64;
			let mut fees = BalanceOf::<T>::default();
			let mut reporters = 0usize;
			for (_, device) in Reporters::<T>::iter_prefix(era) {
				let report = Reports::<T>::get(era, device).ok_or("a reporter has no report")?;
				scores += u64::from(report.score);
				fees.saturating_accrue(report.market_fees);
				reporters += 1;
			}
			ensure!(reporters == unpaid as usize, "reporters ≠ reports not yet paid");
			ensure!(Reports::<T>::iter_prefix(era).count() == reporters, "reports ≠ reporters");
			if era > cursor_era {
				ensure!(scores == summary.total_score, "scores ≠ the era's total");
				ensure!(fees == summary.total_fees, "market fees ≠ the era's total");
			}
			unpaid_reports += reporters;
		}
		ensure!(Reports::<T>::iter().count() == unpaid_reports, "a report of an unknown era");
		ensure!(paid == Emission::<T>::get(Pool::Mining).paid, "eras' payouts ≠ pool's");

		Self::check_manufacturer_claims()?;

		let (era, authors_paid) = AuthorsPaid::<T>::get();
		ensure!(
			authors_paid <= Self::era_budget(Pool::NodeIncentives, era),
			"authors were paid more than the era's budget"
		);
		Ok(())
	}

	/// The era taking reports is never paid while it does (the sweep waits for it to close),
	/// so all its reports are there to add up; tallies of earlier eras count as zero.
	fn check_manufacturer_claims() -> Result<(), TryRuntimeError> {
		let Some(era) = Self::current_era().checked_sub(1) else { return Ok(()) };
		let mut sums = alloc::collections::BTreeMap::<ManufacturerId, u64>::new();
		for (device, report) in Reports::<T>::iter_prefix(era) {
			if report.score > 0 {
				let manufacturer = T::Devices::manufacturer(&device)
					.ok_or("a scored device has no manufacturer")?;
				*sums.entry(manufacturer).or_default() += u64::from(report.score);
			}
		}
		let tallies = ManufacturerClaims::<T>::iter()
			.filter(|(_, (claimed_era, _))| *claimed_era == era)
			.map(|(manufacturer, (_, used))| (manufacturer, used))
			.collect::<alloc::collections::BTreeMap<_, _>>();
		ensure!(sums == tallies, "a manufacturer's claims ≠ its devices' scores");
		Ok(())
	}

	/// Reports of `era` (which took `reports`) that the sweep at the cursor has not reached.
	fn unpaid_in(era: EraIndex, reports: u32, cursor_era: EraIndex, cursor_index: u32) -> u32 {
		match era.cmp(&cursor_era) {
			core::cmp::Ordering::Less => 0,
			core::cmp::Ordering::Equal => reports.saturating_sub(cursor_index),
			core::cmp::Ordering::Greater => reports,
		}
	}
}
