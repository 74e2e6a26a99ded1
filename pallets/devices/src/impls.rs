//! [`DeviceRegistry`], through which other pallets ask about devices.

use crate::*;
use itc_primitives::device::{DeviceCode, DeviceSignature, DeviceStatus, ManufacturerId};

impl<T: Config> DeviceRegistry<T::AccountId> for Pallet<T> {
	fn status(code: &DeviceCode) -> Option<DeviceStatus> {
		DeviceInfoOf::<T>::get(code).map(|d| d.status)
	}

	fn owner(code: &DeviceCode) -> Option<T::AccountId> {
		DeviceInfoOf::<T>::get(code).and_then(|d| d.owner)
	}

	fn manufacturer(code: &DeviceCode) -> Option<ManufacturerId> {
		DeviceInfoOf::<T>::get(code).map(|d| d.manufacturer)
	}

	fn device_account(code: &DeviceCode) -> Option<T::AccountId> {
		DeviceInfoOf::<T>::get(code).map(|d| d.account())
	}

	fn code_of(account: &T::AccountId) -> Option<DeviceCode> {
		CodeOfAccount::<T>::get(account)
	}

	fn is_active(code: &DeviceCode) -> bool {
		DeviceInfoOf::<T>::get(code).is_some_and(|d| Self::earning(&d))
	}

	fn verify_signature(code: &DeviceCode, message: &[u8], signature: &DeviceSignature) -> bool {
		DeviceInfoOf::<T>::get(code).is_some_and(|d| d.key.verify(message, signature))
	}
}

impl<T: Config> Pallet<T> {
	/// Whether `device` earns and lists: it is active and its manufacturer approved.
	pub(crate) fn earning(device: &DeviceInfo<T>) -> bool {
		device.status == DeviceStatus::Active && T::Manufacturers::is_approved(device.manufacturer)
	}
}
