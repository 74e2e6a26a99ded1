//! Firmware reports and approved-firmware lists.

use crate::*;
use alloc::vec::Vec;
use frame_support::{ensure, traits::Get};
use itc_primitives::device::{firmware_payload, DeviceCode, DeviceSignature, DeviceStatus};
use sp_runtime::DispatchResult;

impl<T: Config> Pallet<T> {
	/// Records the firmware `version` device `code` reports with `proof`.
	pub(crate) fn do_report_firmware(
		code: DeviceCode,
		version: Vec<u8>,
		proof: DeviceSignature,
	) -> DispatchResult {
		let mut device = DeviceInfoOf::<T>::get(code).ok_or(Error::<T>::DeviceNotFound)?;
		ensure!(device.status != DeviceStatus::Decommissioned, Error::<T>::Decommissioned);
		let version: FirmwareOf<T> =
			Self::bounded_nonempty(version, Error::<T>::BadFirmwareVersion)?;
		let message = firmware_payload(&Self::genesis_hash(), &code, &version, device.nonce);
		ensure!(device.key.verify(&message, &proof), Error::<T>::BadSignature);
		device.nonce = device.nonce.checked_add(1).ok_or(Error::<T>::NonceExhausted)?;

		let approved = Self::is_firmware_approved(&device, &version);
		device.firmware = Some(version.clone());
		DeviceInfoOf::<T>::insert(code, device);
		Self::deposit_event(Event::FirmwareReported { code, version, approved });
		Ok(())
	}

	/// Replaces the approved firmware list of `model` of the manufacturer run by `who`.
	pub(crate) fn do_set_approved_firmware(
		who: &T::AccountId,
		model: Vec<u8>,
		versions: Vec<Vec<u8>>,
	) -> DispatchResult {
		let manufacturer =
			T::Manufacturers::manufacturer_of(who).ok_or(Error::<T>::NotManufacturer)?;
		ensure!(T::Manufacturers::is_approved(manufacturer), Error::<T>::ManufacturerNotApproved);
		let model: ModelOf<T> = Self::bounded_nonempty(model, Error::<T>::BadModel)?;
		ensure!(
			versions.len() <= T::MaxApprovedFirmware::get() as usize,
			Error::<T>::TooManyFirmwareVersions
		);
		let list = versions
			.into_iter()
			.map(|v| Self::bounded_nonempty(v, Error::<T>::BadFirmwareVersion))
			.collect::<Result<Vec<FirmwareOf<T>>, _>>()?;
		let count = list.len() as u32;
		let list: FirmwareListOf<T> =
			list.try_into().map_err(|_| Error::<T>::TooManyFirmwareVersions)?;

		if list.is_empty() {
			ApprovedFirmwareOf::<T>::remove(manufacturer, &model);
		} else {
			ApprovedFirmwareOf::<T>::insert(manufacturer, &model, list);
		}
		Self::deposit_event(Event::ApprovedFirmwareSet { manufacturer, model, versions: count });
		Ok(())
	}

	/// Whether `version` is on the approved list of `device`'s manufacturer and model.
	pub(crate) fn is_firmware_approved(device: &DeviceInfo<T>, version: &FirmwareOf<T>) -> bool {
		ApprovedFirmwareOf::<T>::get(device.manufacturer, &device.model)
			.is_some_and(|list| list.contains(version))
	}
}
