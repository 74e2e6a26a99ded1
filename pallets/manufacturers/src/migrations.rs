//! Storage migrations.

/// Version 1 to 2: deposits move to the registry's pot. Each live manufacturer's deposit
/// moves from the hold on its own account to the same hold on the pot, as far as its freezes
/// allow (`Polite`); what they do not allow is released to the manufacturer, whose deposit is
/// then what moved (it can `bond_more` later). Retired manufacturers, whose deposits were
/// returned, record a deposit of zero.
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
	use sp_runtime::traits::{Saturating, Zero};
	#[cfg(feature = "try-runtime")]
	use sp_runtime::TryRuntimeError;

	/// The migration, run once: from storage version 1 to 2.
	pub type DepositsToPot<T> =
		VersionedMigration<1, 2, Unversioned<T>, Pallet<T>, <T as frame_system::Config>::DbWeight>;

	/// [`DepositsToPot`] without the version check.
	pub struct Unversioned<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for Unversioned<T> {
		fn on_runtime_upgrade() -> Weight {
			let pot = Pallet::<T>::the_pot();
			// The slash destination (the community fund) gives the pot its existential
			// deposit. Should it fail, every move below fails and every deposit is released.
			if let Err(error) = pot.ensure_exists(&T::SlashDestination::get()) {
				log::error!(target: LOG_TARGET, "v2: the pot got no deposit: {error:?}");
			}
			let reason = HoldReason::ManufacturerDeposit.into();
			let mut records = 0u64;
			let infos = ManufacturerInfoOf::<T>::iter().collect::<alloc::vec::Vec<_>>();
			for (id, mut info) in infos {
				records.saturating_inc();
				if info.status == ManufacturerStatus::Retired {
					info.deposit = Zero::zero();
					ManufacturerInfoOf::<T>::insert(id, info);
					continue;
				}
				let moved = T::Currency::transfer_on_hold(
					&reason,
					&info.account,
					pot.account(),
					info.deposit,
					Precision::BestEffort,
					Restriction::OnHold,
					Fortitude::Polite,
				)
				.unwrap_or_default();
				let left = info.deposit.saturating_sub(moved);
				if !left.is_zero() {
					let _ =
						T::Currency::release(&reason, &info.account, left, Precision::BestEffort);
					log::warn!(
						target: LOG_TARGET,
						"v2: manufacturer {id}: {left:?} of its deposit was frozen and released"
					);
				}
				info.deposit = moved;
				ManufacturerInfoOf::<T>::insert(id, info);
			}
			// Per record: its read and write, the account and its holds read and written, the
			// pot's written.
			T::DbWeight::get().reads_writes(
				records.saturating_mul(3).saturating_add(2),
				records.saturating_mul(4).saturating_add(2),
			)
		}

		/// Records the total issuance and each live manufacturer's deposit.
		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, TryRuntimeError> {
			use codec::Encode;
			use frame_support::traits::fungible::Inspect;
			let deposits = ManufacturerInfoOf::<T>::iter()
				.filter(|(_, info)| info.status != ManufacturerStatus::Retired)
				.map(|(id, info)| (id, info.deposit))
				.collect::<alloc::vec::Vec<_>>();
			Ok((T::Currency::total_issuance(), deposits).encode())
		}

		/// Nothing minted or burned; no deposit grew, and none is left on its manufacturer's
		/// account (`try_state`: the pot holds exactly the deposits).
		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), TryRuntimeError> {
			use codec::Decode;
			use frame_support::{ensure, traits::fungible::Inspect};
			let (issuance, deposits) = <(
				BalanceOf<T>,
				alloc::vec::Vec<(ManufacturerId, BalanceOf<T>)>,
			)>::decode(&mut &state[..])
			.map_err(|_| "bad pre_upgrade state")?;
			ensure!(T::Currency::total_issuance() == issuance, "the migration minted or burned");
			for (id, before) in deposits {
				let info = ManufacturerInfoOf::<T>::get(id).ok_or("a manufacturer vanished")?;
				ensure!(info.deposit <= before, "a deposit grew");
			}
			Pallet::<T>::do_try_state()
		}
	}
}
