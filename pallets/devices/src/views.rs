//! What the runtime API returns: device views and pages of them.

use crate::*;
use alloc::vec::Vec;
use itc_primitives::device::{claim_payload, firmware_payload, DeviceCode, ManufacturerId};

/// The most devices one page returns, whatever the caller asks for.
pub const MAX_PAGE: u32 = 256;

impl<T: Config> Pallet<T> {
	/// The device with `code`, with what follows from it.
	pub fn device_view(code: DeviceCode) -> Option<DeviceView<T>> {
		let info = DeviceInfoOf::<T>::get(code)?;
		let firmware_approved =
			info.firmware.as_ref().is_some_and(|v| Self::is_firmware_approved(&info, v));
		Some(DeviceView {
			code,
			human_code: code.to_human().to_vec(),
			account: info.account(),
			earning: Self::earning(&info),
			firmware_approved,
			info,
		})
	}

	/// The device whose printable code is `human`.
	pub fn device_by_human_code(human: Vec<u8>) -> Option<DeviceView<T>> {
		Self::device_view(DeviceCode::from_human(&human)?)
	}

	/// Up to `limit` (at most [`MAX_PAGE`]) devices of `owner`, in code order, after `after`.
	pub fn devices_of_owner(
		owner: T::AccountId,
		after: Option<DeviceCode>,
		limit: u32,
	) -> Vec<DeviceView<T>> {
		let codes = match after {
			Some(after) => DevicesOfOwner::<T>::iter_key_prefix_from(
				&owner,
				DevicesOfOwner::<T>::hashed_key_for(&owner, after),
			),
			None => DevicesOfOwner::<T>::iter_key_prefix(&owner),
		};
		codes.take(limit.min(MAX_PAGE) as usize).filter_map(Self::device_view).collect()
	}

	/// Up to `limit` (at most [`MAX_PAGE`]) devices of `manufacturer`, in code order, after
	/// `after`.
	pub fn devices_of_manufacturer(
		manufacturer: ManufacturerId,
		after: Option<DeviceCode>,
		limit: u32,
	) -> Vec<DeviceView<T>> {
		let codes = match after {
			Some(after) => DevicesOfManufacturer::<T>::iter_key_prefix_from(
				manufacturer,
				DevicesOfManufacturer::<T>::hashed_key_for(manufacturer, after),
			),
			None => DevicesOfManufacturer::<T>::iter_key_prefix(manufacturer),
		};
		codes.take(limit.min(MAX_PAGE) as usize).filter_map(Self::device_view).collect()
	}

	/// The exact bytes the device key must sign for `owner` to claim device `code` now.
	pub fn claim_message(code: DeviceCode, owner: T::AccountId) -> Option<MessageToSign> {
		let nonce = DeviceInfoOf::<T>::get(code)?.nonce;
		Some(MessageToSign {
			message: claim_payload(&Self::genesis_hash(), &code, &owner, nonce),
			nonce,
		})
	}

	/// The exact bytes the device key must sign to report firmware `version` now.
	pub fn firmware_message(code: DeviceCode, version: Vec<u8>) -> Option<MessageToSign> {
		let nonce = DeviceInfoOf::<T>::get(code)?.nonce;
		Some(MessageToSign {
			message: firmware_payload(&Self::genesis_hash(), &code, &version, nonce),
			nonce,
		})
	}
}
