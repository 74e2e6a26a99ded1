//! Storage migrations.

/// Version 1 to 2: every escrow, bond and bounty reward moves from a hold on the committing
/// account to a hold, for the same reason, on the pot.
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
	#[cfg(feature = "try-runtime")]
	use sp_runtime::TryRuntimeError;

	/// The migration, run once: from storage version 1 to 2.
	pub type MoveHoldsToPot<T> =
		VersionedMigration<1, 2, Unversioned<T>, Pallet<T>, <T as frame_system::Config>::DbWeight>;

	/// [`MoveHoldsToPot`] without the version check.
	pub struct Unversioned<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for Unversioned<T> {
		fn on_runtime_upgrade() -> Weight {
			// The fee destination (the community fund) gives the pot its existential deposit.
			let mut moved = 0u64;
			let mut failed = 0u64;
			if Pallet::<T>::ensure_pot(&T::FeeDestination::get()).is_err() {
				log::error!(target: LOG_TARGET, "v2: the pot could not be given its deposit");
			}
			let mut move_hold = |reason: HoldReason, from: &T::AccountId, amount: BalanceOf<T>| {
				// Force: the money was committed to the market already; only its place moves.
				let result = T::Currency::transfer_on_hold(
					&reason.into(),
					from,
					&Pallet::<T>::pot(),
					amount,
					Precision::Exact,
					Restriction::OnHold,
					Fortitude::Force,
				);
				match result {
					Ok(_) => moved += 1,
					Err(error) => {
						failed += 1;
						log::error!(target: LOG_TARGET, "v2: {reason:?} of {from:?}: {error:?}");
					},
				}
			};
			for purchase in Purchases::<T>::iter_values() {
				move_hold(HoldReason::Escrow, &purchase.buyer, purchase.amount);
			}
			for listing in Listings::<T>::iter_values() {
				move_hold(HoldReason::SellerBond, &listing.seller, listing.bond);
			}
			for bounty in Bounties::<T>::iter_values() {
				move_hold(
					HoldReason::BountyEscrow,
					&bounty.buyer,
					Pallet::<T>::bounty_escrow(&bounty),
				);
			}
			log::info!(target: LOG_TARGET, "v2: {moved} holds moved to the pot, {failed} failed");
			// Per record: its read, and the two accounts and their holds written.
			let records = moved.saturating_add(failed);
			T::DbWeight::get().reads_writes(
				records.saturating_mul(3).saturating_add(2),
				records.saturating_mul(4).saturating_add(2),
			)
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
