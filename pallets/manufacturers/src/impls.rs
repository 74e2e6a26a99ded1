//! [`ManufacturerRegistry`], through which the device pallet asks about manufacturers.

use crate::*;
use frame_support::ensure;
use sp_runtime::DispatchResult;

impl<T: Config> ManufacturerRegistry<T::AccountId> for Pallet<T> {
	fn manufacturer_of(who: &T::AccountId) -> Option<ManufacturerId> {
		ManufacturerIdOf::<T>::get(who)
	}

	fn account_of(id: ManufacturerId) -> Option<T::AccountId> {
		ManufacturerInfoOf::<T>::get(id).map(|info| info.account)
	}

	fn status(id: ManufacturerId) -> Option<ManufacturerStatus> {
		ManufacturerInfoOf::<T>::get(id).map(|info| info.status)
	}

	fn use_quota(id: ManufacturerId, count: u32) -> DispatchResult {
		ManufacturerInfoOf::<T>::try_mutate(id, |info| {
			let info = info.as_mut().ok_or(Error::<T>::UnknownManufacturer)?;
			ensure!(info.status == ManufacturerStatus::Approved, Error::<T>::NotApproved);
			let registered = info.registered.checked_add(count).ok_or(Error::<T>::QuotaExceeded)?;
			ensure!(registered <= info.quota, Error::<T>::QuotaExceeded);
			info.registered = registered;
			Self::deposit_event(Event::QuotaUsed { id, count, registered });
			Ok(())
		})
	}

	fn registered(id: ManufacturerId) -> u32 {
		ManufacturerInfoOf::<T>::get(id).map(|info| info.registered).unwrap_or(0)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_approved(who: &T::AccountId, quota: u32) -> ManufacturerId {
		let id = NextManufacturerId::<T>::get();
		NextManufacturerId::<T>::put(id.saturating_add(1));
		ManufacturerIdOf::<T>::insert(who, id);
		ManufacturerInfoOf::<T>::insert(
			id,
			ManufacturerInfo {
				account: who.clone(),
				status: ManufacturerStatus::Approved,
				name: Default::default(),
				country: *b"XX",
				uri: Default::default(),
				deposit: Default::default(),
				quota,
				registered: 0,
				applied_at: frame_system::Pallet::<T>::block_number(),
			},
		);
		id
	}
}
