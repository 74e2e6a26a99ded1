//! Storage migrations.

/// Version 1 to 2: each micro-account's funds move from a hold on the device account to the
/// pot's hold. Who paid the pot's existential deposit: the first device account moved.
pub mod v2 {
	use crate::*;
	use frame_support::{
		migrations::VersionedMigration,
		traits::{
			fungible::MutateHold,
			tokens::{Fortitude, Precision, Restriction},
			Get, UncheckedOnRuntimeUpgrade,
		},
		weights::Weight,
	};
	use sp_runtime::traits::Saturating;

	/// The migration, run once: from storage version 1 to 2.
	pub type MoveHoldsToPot<T> =
		VersionedMigration<1, 2, Unversioned<T>, Pallet<T>, <T as frame_system::Config>::DbWeight>;

	/// [`MoveHoldsToPot`] without the version check.
	pub struct Unversioned<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for Unversioned<T> {
		fn on_runtime_upgrade() -> Weight {
			let reason = HoldReason::DagSpending.into();
			let pot = Pallet::<T>::pot();
			let (mut moved, mut failed) = (0u64, 0u64);
			for (device, account) in Accounts::<T>::iter() {
				let total = account
					.unlocking
					.iter()
					.fold(account.locked, |sum, u| sum.saturating_add(u.amount));
				// The device account held the funds, so it exists and can pay the deposit.
				let result = Pallet::<T>::ensure_pot(&device).and_then(|()| {
					// Force: the funds were committed to the DAG already; only their place moves.
					T::Currency::transfer_on_hold(
						&reason,
						&device,
						&pot,
						total,
						Precision::Exact,
						Restriction::OnHold,
						Fortitude::Force,
					)
					.map(|_| ())
				});
				match result {
					Ok(()) => moved += 1,
					Err(error) => {
						failed += 1;
						log::error!(target: LOG_TARGET, "v2: funds of {device:?}: {error:?}");
					},
				}
			}
			log::info!(target: LOG_TARGET, "v2: {moved} micro-accounts moved to the pot, {failed} failed");
			let records = moved.saturating_add(failed);
			// Per record: its read, the device account and its holds read and written, the
			// pot's account and holds written.
			T::DbWeight::get().reads_writes(
				records.saturating_mul(3).saturating_add(2),
				records.saturating_mul(4),
			)
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(_state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			Pallet::<T>::do_try_state()
		}
	}
}
