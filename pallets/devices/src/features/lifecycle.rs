//! Suspension, reinstatement and decommissioning.

use crate::*;
use frame_support::ensure;
use frame_system::pallet_prelude::OriginFor;
use itc_primitives::device::{ChangeReason, DeviceCode, DeviceStatus};
use sp_runtime::DispatchResult;

impl<T: Config> Pallet<T> {
	/// Suspends the active device `code` on behalf of `origin`.
	pub(crate) fn do_suspend(
		origin: OriginFor<T>,
		code: DeviceCode,
		reason: ChangeReason,
	) -> DispatchResult {
		let mut device = DeviceInfoOf::<T>::get(code).ok_or(Error::<T>::DeviceNotFound)?;
		let (by, who) = Self::role_of(origin, &device)?;
		ensure!(device.status == DeviceStatus::Active, Error::<T>::NotActive);

		device.status = DeviceStatus::Suspended { by };
		device.last_change = Self::change(by, who.clone(), reason);
		DeviceInfoOf::<T>::insert(code, device);
		Self::deposit_event(Event::DeviceSuspended { code, by, who, reason });
		Ok(())
	}

	/// Reinstates the suspended device `code` on behalf of `origin`.
	pub(crate) fn do_reinstate(
		origin: OriginFor<T>,
		code: DeviceCode,
		reason: ChangeReason,
	) -> DispatchResult {
		let mut device = DeviceInfoOf::<T>::get(code).ok_or(Error::<T>::DeviceNotFound)?;
		let (by, who) = Self::role_of(origin, &device)?;
		let DeviceStatus::Suspended { by: suspended_by } = device.status else {
			return Err(Error::<T>::NotSuspended.into());
		};
		ensure!(by >= suspended_by, Error::<T>::SuspendedByHigherAuthority);

		device.status = DeviceStatus::Active;
		device.last_change = Self::change(by, who.clone(), reason);
		DeviceInfoOf::<T>::insert(code, device);
		Self::deposit_event(Event::DeviceReinstated { code, by, who, reason });
		Ok(())
	}

	/// Decommissions device `code` on behalf of `origin`.
	pub(crate) fn do_decommission(
		origin: OriginFor<T>,
		code: DeviceCode,
		reason: ChangeReason,
	) -> DispatchResult {
		let mut device = DeviceInfoOf::<T>::get(code).ok_or(Error::<T>::DeviceNotFound)?;
		let (by, who) = Self::role_of(origin, &device)?;
		ensure!(device.status != DeviceStatus::Decommissioned, Error::<T>::Decommissioned);

		device.status = DeviceStatus::Decommissioned;
		device.last_change = Self::change(by, who.clone(), reason);
		DeviceInfoOf::<T>::insert(code, device);
		Self::deposit_event(Event::DeviceDecommissioned { code, by, who, reason });
		Ok(())
	}
}
