//! What governance decides: approval, freezing, retirement and quotas.

use crate::*;
use frame_support::ensure;
use sp_runtime::{traits::Zero, DispatchResult};

impl<T: Config> Pallet<T> {
	/// Approves the pending manufacturer `id` with `quota`.
	pub(crate) fn do_approve(id: ManufacturerId, quota: u32) -> DispatchResult {
		ManufacturerInfoOf::<T>::try_mutate(id, |info| {
			let info = info.as_mut().ok_or(Error::<T>::UnknownManufacturer)?;
			ensure!(info.status == ManufacturerStatus::Pending, Error::<T>::NotPending);
			info.status = ManufacturerStatus::Approved;
			info.quota = quota;
			Self::deposit_event(Event::Approved { id, quota });
			Ok(())
		})
	}

	/// Freezes the approved manufacturer `id`.
	pub(crate) fn do_freeze(id: ManufacturerId) -> DispatchResult {
		Self::change_status(
			id,
			ManufacturerStatus::Approved,
			Error::<T>::NotApproved,
			ManufacturerStatus::Frozen,
		)?;
		Self::deposit_event(Event::Frozen { id });
		Ok(())
	}

	/// Releases the frozen manufacturer `id`.
	pub(crate) fn do_release(id: ManufacturerId) -> DispatchResult {
		Self::change_status(
			id,
			ManufacturerStatus::Frozen,
			Error::<T>::NotFrozen,
			ManufacturerStatus::Approved,
		)?;
		Self::deposit_event(Event::Released { id });
		Ok(())
	}

	/// Retires manufacturer `id` and returns its deposit.
	pub(crate) fn do_retire(id: ManufacturerId) -> DispatchResult {
		let mut info = ManufacturerInfoOf::<T>::get(id).ok_or(Error::<T>::UnknownManufacturer)?;
		ensure!(info.status != ManufacturerStatus::Retired, Error::<T>::AlreadyRetired);

		Self::return_deposit(&info)?;
		ManufacturerIdOf::<T>::remove(&info.account);
		info.status = ManufacturerStatus::Retired;
		info.deposit = Zero::zero();
		ManufacturerInfoOf::<T>::insert(id, info);
		Self::deposit_event(Event::Retired { id });
		Ok(())
	}

	/// Sets the quota of manufacturer `id`.
	pub(crate) fn do_set_quota(id: ManufacturerId, quota: u32) -> DispatchResult {
		ManufacturerInfoOf::<T>::try_mutate(id, |info| {
			let info = info.as_mut().ok_or(Error::<T>::UnknownManufacturer)?;
			ensure!(info.status != ManufacturerStatus::Retired, Error::<T>::AlreadyRetired);
			ensure!(quota >= info.registered, Error::<T>::QuotaBelowRegistered);
			info.quota = quota;
			Self::deposit_event(Event::QuotaSet { id, quota });
			Ok(())
		})
	}

	/// Moves `id` from status `from` to `to`, or fails with `error`.
	fn change_status(
		id: ManufacturerId,
		from: ManufacturerStatus,
		error: Error<T>,
		to: ManufacturerStatus,
	) -> DispatchResult {
		ManufacturerInfoOf::<T>::try_mutate(id, |info| {
			let info = info.as_mut().ok_or(Error::<T>::UnknownManufacturer)?;
			ensure!(info.status == from, error);
			info.status = to;
			Ok(())
		})
	}
}
