//! Claiming a device and ownership transfer.

use crate::*;
use frame_support::ensure;
use frame_system::pallet_prelude::BlockNumberFor;
use itc_primitives::device::{
	claim_payload, ChangeReason, DeviceCode, DeviceSignature, DeviceStatus, Role,
};
use sp_runtime::{traits::Zero, DispatchResult};

impl<T: Config> Pallet<T> {
	/// The hash of block 0, which device proofs sign so they are worthless on other chains.
	pub fn genesis_hash() -> T::Hash {
		frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero())
	}

	/// Makes `owner` the owner of the registered device `code`, given the device's proof.
	pub(crate) fn do_claim(
		code: DeviceCode,
		owner: T::AccountId,
		proof: DeviceSignature,
	) -> DispatchResult {
		let mut device = DeviceInfoOf::<T>::get(code).ok_or(Error::<T>::DeviceNotFound)?;
		match device.status {
			DeviceStatus::Registered => (),
			DeviceStatus::Decommissioned => return Err(Error::<T>::Decommissioned.into()),
			_ => return Err(Error::<T>::AlreadyClaimed.into()),
		}
		let message = claim_payload(&Self::genesis_hash(), &code, &owner, device.nonce);
		ensure!(device.key.verify(&message, &proof), Error::<T>::BadSignature);
		device.nonce = device.nonce.checked_add(1).ok_or(Error::<T>::NonceExhausted)?;

		device.owner = Some(owner.clone());
		device.status = DeviceStatus::Active;
		device.last_change = Self::change(Role::Owner, Some(owner.clone()), ChangeReason::Claimed);
		DevicesOfOwner::<T>::insert(&owner, code, ());
		DeviceInfoOf::<T>::insert(code, device);
		Self::deposit_event(Event::DeviceClaimed { code, owner });
		Ok(())
	}

	/// Hands device `code` from `from` to `to`.
	pub(crate) fn do_transfer(
		code: DeviceCode,
		from: T::AccountId,
		to: T::AccountId,
	) -> DispatchResult {
		let mut device = DeviceInfoOf::<T>::get(code).ok_or(Error::<T>::DeviceNotFound)?;
		ensure!(device.status != DeviceStatus::Decommissioned, Error::<T>::Decommissioned);
		ensure!(device.owner.as_ref() == Some(&from), Error::<T>::NotOwner);
		ensure!(from != to, Error::<T>::SameOwner);

		device.owner = Some(to.clone());
		device.last_change =
			Self::change(Role::Owner, Some(from.clone()), ChangeReason::Transferred);
		DevicesOfOwner::<T>::remove(&from, code);
		DevicesOfOwner::<T>::insert(&to, code, ());
		DeviceInfoOf::<T>::insert(code, device);
		Self::deposit_event(Event::DeviceTransferred { code, from, to });
		Ok(())
	}

	/// A change made now.
	pub(crate) fn change(by: Role, who: Option<T::AccountId>, reason: ChangeReason) -> ChangeOf<T> {
		Change { by, who, reason, at: frame_system::Pallet::<T>::block_number() }
	}
}
