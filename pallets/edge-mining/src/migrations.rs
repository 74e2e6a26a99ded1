//! Storage migrations.

/// Version 1 to 2: reports and eras record market fees. Reports taken before record none, and
/// their eras a total of none, so those eras are paid on claims alone, as they were scored.
/// The era taking reports gets its manufacturers' tallies of claims ([`ManufacturerClaims`])
/// from the reports it has, so that later reports count against what earlier ones took.
pub mod v2 {
	use crate::*;
	use frame_support::{
		migrations::VersionedMigration,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};
	use itc_primitives::device::{DeviceRegistry, ManufacturerId};
	#[cfg(feature = "try-runtime")]
	use sp_runtime::TryRuntimeError;

	/// A report as version 1 stored it.
	#[derive(codec::Encode, codec::Decode)]
	pub struct OldScoredReport {
		/// The score.
		pub score: u32,
		/// Uptime reported.
		pub uptime_ppm: u32,
		/// Records reported.
		pub records: u64,
		/// Records anchored.
		pub anchored: u64,
		/// The coverage cell.
		pub coverage_cell: Option<u64>,
	}

	/// An era as version 1 stored it.
	#[derive(codec::Encode, codec::Decode)]
	pub struct OldEraSummary<Balance> {
		/// Reports accepted.
		pub reports: u32,
		/// Sum of their scores.
		pub total_score: u64,
		/// Rewards paid so far.
		pub paid: Balance,
	}

	/// The migration, run once: from storage version 1 to 2.
	pub type RecordMarketFees<T> =
		VersionedMigration<1, 2, Unversioned<T>, Pallet<T>, <T as frame_system::Config>::DbWeight>;

	/// [`RecordMarketFees`] without the version check.
	pub struct Unversioned<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for Unversioned<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut records = 0u64;
			Reports::<T>::translate_values::<OldScoredReport, _>(|old| {
				records += 1;
				Some(ScoredReport {
					score: old.score,
					uptime_ppm: old.uptime_ppm,
					records: old.records,
					anchored: old.anchored,
					coverage_cell: old.coverage_cell,
					market_fees: Default::default(),
				})
			});
			Eras::<T>::translate::<OldEraSummary<BalanceOf<T>>, _>(|_, old| {
				records += 1;
				Some(EraSummary {
					reports: old.reports,
					total_score: old.total_score,
					paid: old.paid,
					total_fees: Default::default(),
				})
			});
			let (tallied, manufacturers) = tally_reporting_era::<T>();
			log::info!(
				target: LOG_TARGET,
				"v2: {records} reports and eras translated; {manufacturers} tallies of claims"
			);
			T::DbWeight::get().reads_writes(
				records.saturating_add(tallied).saturating_add(2),
				records.saturating_add(manufacturers),
			)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, TryRuntimeError> {
			use codec::Encode;
			use frame_support::{storage::migration::storage_iter, traits::PalletInfoAccess};
			let pallet = Pallet::<T>::name().as_bytes();
			let old = storage_iter::<OldScoredReport>(pallet, b"Reports");
			Ok(totals(old.map(|(_, report)| report.score)).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), TryRuntimeError> {
			use codec::Decode;
			let before =
				<(u64, u64)>::decode(&mut &state[..]).map_err(|_| "bad pre_upgrade state")?;
			let after = totals(Reports::<T>::iter_values().map(|report| report.score));
			frame_support::ensure!(before == after, "reports or their scores changed");
			frame_support::ensure!(
				Reports::<T>::iter_values().all(|report| report.market_fees == Default::default()),
				"a migrated report records market fees"
			);
			Pallet::<T>::do_try_state()
		}
	}

	/// The number of reports and the sum of their scores.
	#[cfg(feature = "try-runtime")]
	fn totals(scores: impl Iterator<Item = u32>) -> (u64, u64) {
		scores.fold((0, 0), |(count, sum), score| (count + 1, sum + u64::from(score)))
	}

	/// Records, for the era taking reports, each manufacturer's claims so far. Returns the
	/// reports read and the tallies written.
	fn tally_reporting_era<T: Config>() -> (u64, u64) {
		let Some(era) = Pallet::<T>::current_era().checked_sub(1) else { return (0, 0) };
		let mut sums = alloc::collections::BTreeMap::<ManufacturerId, u64>::new();
		let mut read = 0u64;
		for (device, report) in Reports::<T>::iter_prefix(era) {
			read += 1;
			let manufacturer = T::Devices::manufacturer(&device);
			if let (Some(manufacturer), true) = (manufacturer, report.score > 0) {
				*sums.entry(manufacturer).or_default() += u64::from(report.score);
			}
		}
		let written = sums.len() as u64;
		for (manufacturer, used) in sums {
			ManufacturerClaims::<T>::insert(manufacturer, (era, used));
		}
		(read.saturating_mul(2), written)
	}
}
