//! Who may change a device: resolving an origin to a [`Role`].

use crate::*;
use frame_support::traits::EnsureOrigin;
use frame_system::{ensure_signed, pallet_prelude::OriginFor};
use itc_primitives::device::{ManufacturerStatus, Role};
use sp_runtime::DispatchError;

impl<T: Config> Pallet<T> {
	/// The highest role `origin` holds over `device`, and the account behind it (`None` for
	/// governance). A retired manufacturer's account holds no role.
	pub(crate) fn role_of(
		origin: OriginFor<T>,
		device: &DeviceInfo<T>,
	) -> Result<(Role, Option<T::AccountId>), DispatchError> {
		let origin = match T::GovernanceOrigin::try_origin(origin) {
			Ok(_) => return Ok((Role::Governance, None)),
			Err(origin) => origin,
		};
		let who = ensure_signed(origin)?;
		let maker_live = T::Manufacturers::status(device.manufacturer)
			.is_some_and(|s| s != ManufacturerStatus::Retired);
		if maker_live && T::Manufacturers::account_of(device.manufacturer).as_ref() == Some(&who) {
			return Ok((Role::Manufacturer, Some(who)));
		}
		if device.owner.as_ref() == Some(&who) {
			return Ok((Role::Owner, Some(who)));
		}
		Err(Error::<T>::NotAuthorized.into())
	}
}
