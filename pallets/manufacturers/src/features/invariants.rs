//! Invariants checked by `try_state` and after every unit test.

use crate::*;
use frame_support::{ensure, traits::fungible::InspectHold};
use sp_runtime::{
	traits::{Saturating, Zero},
	TryRuntimeError,
};

impl<T: Config> Pallet<T> {
	/// Check every invariant of the pallet.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let next = NextManufacturerId::<T>::get();
		for (id, info) in ManufacturerInfoOf::<T>::iter() {
			ensure!(id < next, "manufacturer id not below NextManufacturerId");
			Self::try_state_index_matches(id, &info)?;
			Self::try_state_within_quota(&info)?;
		}
		Self::try_state_index_points_to_live_records()?;
		Self::try_state_deposits_held()
	}

	/// A retired manufacturer is out of the account index; any other one is in it, under its
	/// own id.
	fn try_state_index_matches(
		id: ManufacturerId,
		info: &ManufacturerInfo<T>,
	) -> Result<(), TryRuntimeError> {
		let indexed = ManufacturerIdOf::<T>::get(&info.account);
		if info.status == ManufacturerStatus::Retired {
			ensure!(indexed != Some(id), "retired manufacturer still indexed");
		} else {
			ensure!(indexed == Some(id), "live manufacturer missing from the account index");
		}
		Ok(())
	}

	/// A manufacturer never registered more devices than its quota.
	fn try_state_within_quota(info: &ManufacturerInfo<T>) -> Result<(), TryRuntimeError> {
		ensure!(info.registered <= info.quota, "registered devices exceed the quota");
		Ok(())
	}

	/// Every entry of the account index points to a record that is not retired.
	fn try_state_index_points_to_live_records() -> Result<(), TryRuntimeError> {
		for (account, id) in ManufacturerIdOf::<T>::iter() {
			let info = ManufacturerInfoOf::<T>::get(id).ok_or("index points to no manufacturer")?;
			ensure!(info.account == account, "index points to another account's manufacturer");
			ensure!(info.status != ManufacturerStatus::Retired, "index points to a retired one");
		}
		Ok(())
	}

	/// The pot holds exactly the deposits of the manufacturers not retired, and no
	/// manufacturer's account holds one: deposits are neither lost nor held twice.
	fn try_state_deposits_held() -> Result<(), TryRuntimeError> {
		let reason = HoldReason::ManufacturerDeposit.into();
		let mut deposits = BalanceOf::<T>::zero();
		for (_, info) in ManufacturerInfoOf::<T>::iter() {
			if info.status == ManufacturerStatus::Retired {
				ensure!(info.deposit.is_zero(), "a retired manufacturer keeps a deposit");
			}
			ensure!(
				T::Currency::balance_on_hold(&reason, &info.account).is_zero(),
				"a deposit held on the manufacturer's own account"
			);
			deposits.saturating_accrue(info.deposit);
		}
		let held = T::Currency::balance_on_hold(&reason, &Self::pot());
		ensure!(held == deposits, "the pot's deposits differ from the records");
		Ok(())
	}
}
