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

	/// Registers the device through [`Pallet::register`] as a benchmark manufacturer, then
	/// hands it to `owner` as a claim would (without the device signature).
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_active_device(owner: &T::AccountId, seed: u32) -> DeviceCode {
		use itc_primitives::device::{ChangeReason, DeviceKey, Role};
		let maker: T::AccountId = frame_benchmarking::account("device-maker", 0, 0);
		let manufacturer = T::Manufacturers::manufacturer_of(&maker)
			.unwrap_or_else(|| T::Manufacturers::benchmark_approved(&maker, u32::MAX));
		let mut raw = [0xbe; 32];
		raw[..4].copy_from_slice(&seed.to_le_bytes());
		let spec = DeviceSpec {
			model: b"bench".to_vec(),
			serial: seed.to_le_bytes().to_vec(),
			key: DeviceKey::Ed25519(sp_core::ed25519::Public::from_raw(raw)),
		};
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
