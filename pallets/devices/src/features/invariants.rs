//! Invariants checked by `try_state` and after every unit test.

use crate::*;
use alloc::collections::btree_map::BTreeMap;
use frame_support::ensure;
use itc_primitives::device::{DeviceCode, DeviceStatus, ManufacturerId};
use sp_runtime::TryRuntimeError;

impl<T: Config> Pallet<T> {
	/// Check every invariant of the pallet.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let mut per_manufacturer = BTreeMap::<ManufacturerId, u32>::new();
		for (code, device) in DeviceInfoOf::<T>::iter() {
			Self::try_state_identity_derived(&code, &device)?;
			Self::try_state_indexed(&code, &device)?;
			Self::try_state_owner_matches_status(&device)?;
			let count = per_manufacturer.entry(device.manufacturer).or_default();
			*count = count.saturating_add(1);
		}
		Self::try_state_indexes_point_back()?;
		Self::try_state_counts_match_registry(&per_manufacturer)
	}

	/// The code is derived from the device's manufacturer, model, serial and key.
	fn try_state_identity_derived(
		code: &DeviceCode,
		device: &DeviceInfo<T>,
	) -> Result<(), TryRuntimeError> {
		let derived =
			DeviceCode::derive(device.manufacturer, &device.model, &device.serial, &device.key);
		ensure!(derived == *code, "code is not derived from the device's fields");
		Ok(())
	}

	/// The device is in the account index, its manufacturer's list, and its owner's list.
	fn try_state_indexed(code: &DeviceCode, device: &DeviceInfo<T>) -> Result<(), TryRuntimeError> {
		ensure!(
			CodeOfAccount::<T>::get(device.account()) == Some(*code),
			"device account not indexed to its code"
		);
		ensure!(
			DevicesOfManufacturer::<T>::contains_key(device.manufacturer, code),
			"device missing from its manufacturer's list"
		);
		if let Some(owner) = &device.owner {
			ensure!(
				DevicesOfOwner::<T>::contains_key(owner, code),
				"device missing from its owner's list"
			);
		}
		Ok(())
	}

	/// A device has an owner exactly when it has been claimed, and each claim used a nonce.
	fn try_state_owner_matches_status(device: &DeviceInfo<T>) -> Result<(), TryRuntimeError> {
		match device.status {
			DeviceStatus::Registered => ensure!(device.owner.is_none(), "unclaimed device owned"),
			DeviceStatus::Active | DeviceStatus::Suspended { .. } => {
				ensure!(device.owner.is_some(), "claimed device without owner");
				ensure!(device.nonce > 0, "claimed device with unused nonce");
			},
			DeviceStatus::Decommissioned => (),
		}
		Ok(())
	}

	/// Every index entry points to a device that agrees with it.
	fn try_state_indexes_point_back() -> Result<(), TryRuntimeError> {
		for (account, code) in CodeOfAccount::<T>::iter() {
			let device = DeviceInfoOf::<T>::get(code).ok_or("account index points nowhere")?;
			ensure!(device.account() == account, "account index points to another device");
		}
		for (owner, code, ()) in DevicesOfOwner::<T>::iter() {
			let device = DeviceInfoOf::<T>::get(code).ok_or("owner list points nowhere")?;
			ensure!(device.owner == Some(owner), "owner list holds another owner's device");
		}
		for (manufacturer, code, ()) in DevicesOfManufacturer::<T>::iter() {
			let device = DeviceInfoOf::<T>::get(code).ok_or("manufacturer list points nowhere")?;
			ensure!(device.manufacturer == manufacturer, "manufacturer list holds another's");
		}
		Ok(())
	}

	/// Each manufacturer exists and has registered exactly as many devices as the registry
	/// counted against its quota.
	fn try_state_counts_match_registry(
		per_manufacturer: &BTreeMap<ManufacturerId, u32>,
	) -> Result<(), TryRuntimeError> {
		for (id, count) in per_manufacturer {
			ensure!(T::Manufacturers::status(*id).is_some(), "device of unknown manufacturer");
			ensure!(
				T::Manufacturers::registered(*id) == *count,
				"devices differ from the registry's count"
			);
		}
		Ok(())
	}
}
