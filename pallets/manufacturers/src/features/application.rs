//! Applying and withdrawing.

use crate::*;
use frame_support::{ensure, traits::Get};
use sp_runtime::DispatchResult;

impl<T: Config> Pallet<T> {
	/// Records an application by `who` and holds its deposit.
	pub(crate) fn do_apply(
		who: T::AccountId,
		name: NameOf<T>,
		country: [u8; 2],
		uri: UriOf<T>,
	) -> DispatchResult {
		ensure!(!ManufacturerIdOf::<T>::contains_key(&who), Error::<T>::AlreadyManufacturer);
		ensure!(!name.is_empty(), Error::<T>::EmptyName);
		ensure!(country.iter().all(u8::is_ascii_uppercase), Error::<T>::BadCountryCode);
		let id = NextManufacturerId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let deposit = T::ApplicationDeposit::get();
		Self::commit_deposit(&who, deposit)?;

		NextManufacturerId::<T>::put(next);
		ManufacturerIdOf::<T>::insert(&who, id);
		ManufacturerInfoOf::<T>::insert(
			id,
			ManufacturerInfo {
				account: who.clone(),
				status: ManufacturerStatus::Pending,
				name,
				country,
				uri,
				deposit,
				quota: 0,
				registered: 0,
				applied_at: frame_system::Pallet::<T>::block_number(),
			},
		);
		Self::deposit_event(Event::Applied { id, account: who, deposit });
		Ok(())
	}

	/// Removes the pending application `id` and returns its deposit.
	pub(crate) fn do_withdraw(id: ManufacturerId) -> DispatchResult {
		let info = ManufacturerInfoOf::<T>::get(id).ok_or(Error::<T>::UnknownManufacturer)?;
		ensure!(info.status == ManufacturerStatus::Pending, Error::<T>::NotPending);

		Self::return_deposit(&info)?;
		ManufacturerIdOf::<T>::remove(&info.account);
		ManufacturerInfoOf::<T>::remove(id);
		Self::deposit_event(Event::Withdrawn { id });
		Ok(())
	}
}
