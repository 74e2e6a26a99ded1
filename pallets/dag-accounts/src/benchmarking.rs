//! Benchmarks of the DAG micro-accounts pallet.

use crate::*;
use frame_benchmarking::v2::*;
use frame_support::traits::{fungible::Mutate, Get};
use frame_system::RawOrigin;
use itc_primitives::device::DeviceRegistry;
use sp_runtime::traits::{Bounded, Saturating};

/// A funded owner and its device, whose account is funded if `fund_device`.
fn device<T: Config>(fund_device: bool) -> (T::AccountId, T::AccountId) {
	let owner: T::AccountId = account("owner", 0, 0);
	let code = T::Devices::benchmark_active_device(&owner, 0);
	let device = T::Devices::device_account(&code).expect("a registered device");
	let plenty = BalanceOf::<T>::max_value() / 4u32.into();
	T::Currency::set_balance(&owner, plenty);
	if fund_device {
		T::Currency::set_balance(&device, plenty);
	}
	(owner, device)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// An owner funds a device whose account does not exist, on a chain whose pot does not
	/// exist yet (the owner pays the pot's existential deposit too).
	#[benchmark]
	fn lock() {
		let (owner, device) = device::<T>(false);
		let amount = T::MinLock::get().saturating_mul(1_000u32.into());

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), device.clone(), amount);

		assert_eq!(Accounts::<T>::get(&device).map(|a| a.locked), Some(amount));
	}

	/// With `MaxUnlocking − 1` requests waiting already.
	#[benchmark]
	fn unlock() {
		let (owner, device) = device::<T>(true);
		let amount = T::MinLock::get().saturating_mul(1_000u32.into());
		Pallet::<T>::lock(RawOrigin::Signed(owner).into(), device.clone(), amount).expect("funded");
		for _ in 1..T::MaxUnlocking::get() {
			Pallet::<T>::unlock(RawOrigin::Signed(device.clone()).into(), 1u32.into())
				.expect("locked");
		}

		#[extrinsic_call]
		_(RawOrigin::Signed(device.clone()), 1u32.into());

		assert_eq!(
			Accounts::<T>::get(&device).map(|a| a.unlocking.len() as u32),
			Some(T::MaxUnlocking::get())
		);
	}

	/// `n` requests due.
	#[benchmark]
	fn withdraw(n: Linear<1, { T::MaxUnlocking::get() }>) {
		let (owner, device) = device::<T>(true);
		let amount = T::MinLock::get().saturating_mul(1_000u32.into());
		Pallet::<T>::lock(RawOrigin::Signed(owner).into(), device.clone(), amount).expect("funded");
		for _ in 0..n {
			Pallet::<T>::unlock(RawOrigin::Signed(device.clone()).into(), 1u32.into())
				.expect("locked");
		}
		let due = frame_system::Pallet::<T>::block_number().saturating_add(T::UnlockDelay::get());
		frame_system::Pallet::<T>::set_block_number(due);

		#[extrinsic_call]
		_(RawOrigin::Signed(device.clone()));

		assert_eq!(Accounts::<T>::get(&device).map(|a| a.unlocking.len()), Some(0));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::bench_ext(), crate::mock::Test);
}
