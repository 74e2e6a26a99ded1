//! Storage migrations.

/// Version 1 to 2: reports and eras record market fees. Reports taken before record none, and
/// their eras a total of none, so those eras are paid on claims alone, as they were scored.
pub mod v2 {
	use crate::*;
	use frame_support::{
		migrations::VersionedMigration,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};
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
			log::info!(target: LOG_TARGET, "v2: {records} reports and eras translated");
			T::DbWeight::get().reads_writes(records, records)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, TryRuntimeError> {
			Ok(alloc::vec::Vec::new())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(_state: alloc::vec::Vec<u8>) -> Result<(), TryRuntimeError> {
			Pallet::<T>::do_try_state()
		}
	}
}
