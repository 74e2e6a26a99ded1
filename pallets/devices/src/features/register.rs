//! Registration of devices by their manufacturer.

use crate::*;
use alloc::vec::Vec;
use frame_support::{dispatch::DispatchResultWithPostInfo, ensure, traits::Get};
use itc_primitives::device::{ChangeReason, DeviceCode, DeviceStatus, Role};

impl<T: Config> Pallet<T> {
	/// Registers `devices` for the manufacturer run by `who`.
	pub(crate) fn do_register(
		who: &T::AccountId,
		devices: Vec<DeviceSpec>,
	) -> DispatchResultWithPostInfo {
		let manufacturer =
			T::Manufacturers::manufacturer_of(who).ok_or(Error::<T>::NotManufacturer)?;
		ensure!(T::Manufacturers::is_approved(manufacturer), Error::<T>::ManufacturerNotApproved);
		ensure!(!devices.is_empty(), Error::<T>::EmptyBatch);
		let count = u32::try_from(devices.len()).map_err(|_| Error::<T>::TooManyDevices)?;
		ensure!(count <= T::MaxBatch::get(), Error::<T>::TooManyDevices);

		let now = frame_system::Pallet::<T>::block_number();
		let mut records: Vec<(DeviceCode, T::AccountId, DeviceInfo<T>)> =
			Vec::with_capacity(devices.len());
		for spec in devices {
			let model: ModelOf<T> = Self::bounded_nonempty(spec.model, Error::<T>::BadModel)?;
			let serial: SerialOf<T> = Self::bounded_nonempty(spec.serial, Error::<T>::BadSerial)?;
			let code = DeviceCode::derive(manufacturer, &model, &serial, &spec.key);
			let account: T::AccountId = spec.key.account().into();
			// Devices earlier in this batch are inserted below, only after every check, so
			// the batch itself is searched for repeats too.
			ensure!(
				!DeviceInfoOf::<T>::contains_key(code)
					&& !records
						.iter()
						.any(|(c, _, _): &(DeviceCode, T::AccountId, DeviceInfo<T>)| *c == code),
				Error::<T>::CodeTaken
			);
			ensure!(
				!CodeOfAccount::<T>::contains_key(&account)
					&& !records.iter().any(|(_, a, _)| *a == account),
				Error::<T>::KeyTaken
			);
			let info = DeviceInfo {
				manufacturer,
				model,
				serial,
				key: spec.key,
				owner: None,
				status: DeviceStatus::Registered,
				firmware: None,
				nonce: 0,
				registered_at: now,
				last_change: Change {
					by: Role::Manufacturer,
					who: Some(who.clone()),
					reason: ChangeReason::Manufactured,
					at: now,
				},
			};
			records.push((code, account, info));
		}
		T::Manufacturers::use_quota(manufacturer, count)?;

		for (code, account, info) in records {
			CodeOfAccount::<T>::insert(&account, code);
			DevicesOfManufacturer::<T>::insert(manufacturer, code, ());
			DeviceInfoOf::<T>::insert(code, info);
			Self::deposit_event(Event::DeviceRegistered { code, manufacturer, account });
		}
		Ok(().into())
	}

	/// `bytes` as a bounded vector, or `error` if it is empty or too long.
	pub(crate) fn bounded_nonempty<S: Get<u32>>(
		bytes: Vec<u8>,
		error: Error<T>,
	) -> Result<frame_support::BoundedVec<u8, S>, Error<T>> {
		ensure!(!bytes.is_empty(), error);
		bytes.try_into().map_err(|_| error)
	}
}
