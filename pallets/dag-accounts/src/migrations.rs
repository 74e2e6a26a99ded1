//! Storage migrations.

/// Version 1 to 2: each micro-account's funds move from a hold on the device account to the
/// pot's hold, as far as the device account's freezes allow; a micro-account whose funds a
/// freeze still needs is given up instead (its funds are released to the device account, and
/// DAG transfers against them are cut void). `Payer` gives the pot its existential deposit.
pub mod v2 {
	use crate::*;
	use frame_support::{
		migrations::VersionedMigration,
		storage::with_storage_layer,
		traits::{
			fungible::MutateHold,
			tokens::{Fortitude, Precision, Restriction},
			Get, UncheckedOnRuntimeUpgrade,
		},
		weights::Weight,
	};
	use sp_runtime::traits::Saturating;

	/// The migration, run once: from storage version 1 to 2.
	pub type MoveHoldsToPot<T, Payer> = VersionedMigration<
		1,
		2,
		Unversioned<T, Payer>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;

	/// [`MoveHoldsToPot`] without the version check.
	pub struct Unversioned<T, Payer>(core::marker::PhantomData<(T, Payer)>);

	impl<T: Config, Payer: Get<T::AccountId>> UncheckedOnRuntimeUpgrade for Unversioned<T, Payer> {
		fn on_runtime_upgrade() -> Weight {
			let reason = HoldReason::DagSpending.into();
			let pot = Pallet::<T>::pot();
			// Should this fail, every move below fails and every micro-account is given up.
			if let Err(error) = Pallet::<T>::ensure_pot(&Payer::get()) {
				log::error!(target: LOG_TARGET, "v2: the pot got no deposit: {error:?}");
			}
			let (mut moved, mut unwound) = (0u64, 0u64);
			for (device, account) in Accounts::<T>::iter().collect::<alloc::vec::Vec<_>>() {
				let total = account
					.unlocking
					.iter()
					.fold(account.locked, |sum, u| sum.saturating_add(u.amount));
				let result = with_storage_layer(|| {
					T::Currency::transfer_on_hold(
						&reason,
						&device,
						&pot,
						total,
						Precision::Exact,
						Restriction::OnHold,
						Fortitude::Polite,
					)
				});
				if result.is_ok() {
					moved += 1;
					continue;
				}
				unwound += 1;
				let released = T::Currency::release(&reason, &device, total, Precision::BestEffort)
					.unwrap_or_default();
				Accounts::<T>::remove(&device);
				Pallet::<T>::deposit_event(Event::Withdrawn { account: device, amount: released });
			}
			log::info!(target: LOG_TARGET, "v2: {moved} micro-accounts moved to the pot, {unwound} unwound");
			// Per record: its read, the device account and its holds read and written, the
			// pot's account and holds written.
			let records = moved.saturating_add(unwound);
			T::DbWeight::get().reads_writes(
				records.saturating_mul(3).saturating_add(2),
				records.saturating_mul(4).saturating_add(2),
			)
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(_state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			Pallet::<T>::do_try_state()
		}
	}
}
