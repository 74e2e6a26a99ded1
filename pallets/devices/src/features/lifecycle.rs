//! Suspension, reinstatement and decommissioning.

use crate::*;
use frame_support::ensure;
use frame_system::pallet_prelude::OriginFor;
use itc_primitives::device::{ChangeReason, DeviceCode, DeviceStatus, Role};
use sp_runtime::{DispatchError, DispatchResult};

impl<T: Config> Pallet<T> {
	/// Suspends the active device `code` on behalf of `origin`.
	pub(crate) fn do_suspend(
		origin: OriginFor<T>,
		code: DeviceCode,
		reason: ChangeReason,
	) -> DispatchResult {
		let (by, who) = Self::change_status(origin, code, reason, |status, by| {
			ensure!(status == DeviceStatus::Active, Error::<T>::NotActive);
			Ok(DeviceStatus::Suspended { by })
		})?;
		Self::deposit_event(Event::DeviceSuspended { code, by, who, reason });
		Ok(())
	}

	/// Reinstates the suspended device `code` on behalf of `origin`.
	pub(crate) fn do_reinstate(
		origin: OriginFor<T>,
		code: DeviceCode,
		reason: ChangeReason,
	) -> DispatchResult {
		let (by, who) = Self::change_status(origin, code, reason, |status, by| {
			let DeviceStatus::Suspended { by: suspended_by } = status else {
				return Err(Error::<T>::NotSuspended);
			};
			ensure!(by >= suspended_by, Error::<T>::SuspendedByHigherAuthority);
			Ok(DeviceStatus::Active)
		})?;
		Self::deposit_event(Event::DeviceReinstated { code, by, who, reason });
		Ok(())
	}

	/// Decommissions device `code` on behalf of `origin`.
	pub(crate) fn do_decommission(
		origin: OriginFor<T>,
		code: DeviceCode,
		reason: ChangeReason,
	) -> DispatchResult {
		let (by, who) = Self::change_status(origin, code, reason, |status, _| {
			ensure!(status != DeviceStatus::Decommissioned, Error::<T>::Decommissioned);
			Ok(DeviceStatus::Decommissioned)
		})?;
		Self::deposit_event(Event::DeviceDecommissioned { code, by, who, reason });
		Ok(())
	}

	/// Moves device `code` to the status `next` returns for its current status and the role
	/// of `origin`, and records the change. Returns the role and its account.
	fn change_status(
		origin: OriginFor<T>,
		code: DeviceCode,
		reason: ChangeReason,
		next: impl FnOnce(DeviceStatus, Role) -> Result<DeviceStatus, Error<T>>,
	) -> Result<(Role, Option<T::AccountId>), DispatchError> {
		let mut device = DeviceInfoOf::<T>::get(code).ok_or(Error::<T>::DeviceNotFound)?;
		let (by, who) = Self::role_of(origin, &device)?;
		device.status = next(device.status, by)?;
		device.last_change = Self::change(by, who.clone(), reason);
		DeviceInfoOf::<T>::insert(code, device);
		Ok((by, who))
	}
}
