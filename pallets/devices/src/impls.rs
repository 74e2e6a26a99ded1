//! [`DeviceRegistry`], through which other pallets ask about devices.

use crate::*;
use itc_primitives::device::{
	DeviceClass, DeviceCode, DeviceSignature, DeviceStatus, ManufacturerId,
};

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

	fn class(code: &DeviceCode) -> Option<DeviceClass> {
		DeviceInfoOf::<T>::get(code).map(|d| DeviceClass::new(d.manufacturer, &d.model))
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

	/// Registers the device through [`Pallet::register`] as a benchmark manufacturer, then
	/// hands it to `owner` as a claim would (without the device signature).
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_device_of_maker(
		owner: &T::AccountId,
		key: itc_primitives::device::DeviceKey,
		maker: u32,
	) -> DeviceCode {
		use codec::Encode;
		use itc_primitives::device::{ChangeReason, Role};
		let maker: T::AccountId = frame_benchmarking::account("device-maker", maker, 0);
		let manufacturer = T::Manufacturers::manufacturer_of(&maker)
			.unwrap_or_else(|| T::Manufacturers::benchmark_approved(&maker, u32::MAX));
		// Eight bytes of the key make the serial unique enough (the code covers the whole key).
		let spec =
			DeviceSpec { model: b"bench".to_vec(), serial: key.encode()[1..9].to_vec(), key };
		let code = DeviceCode::derive(manufacturer, &spec.model, &spec.serial, &spec.key);
		Self::do_register(&maker, alloc::vec![spec]).expect("a benchmark maker has quota");
		DeviceInfoOf::<T>::mutate(code, |device| {
			if let Some(device) = device {
				device.owner = Some(owner.clone());
				device.status = DeviceStatus::Active;
				device.last_change =
					Self::change(Role::Owner, Some(owner.clone()), ChangeReason::Claimed);
			}
		});
		DevicesOfOwner::<T>::insert(owner, code, ());
		code
	}
}

impl<T: Config> Pallet<T> {
	/// Whether `device` earns and lists: it is active and its manufacturer approved.
	pub(crate) fn earning(device: &DeviceInfo<T>) -> bool {
		device.status == DeviceStatus::Active && T::Manufacturers::is_approved(device.manufacturer)
	}
}
