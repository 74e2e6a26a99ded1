//! Benchmarks of the manufacturer registry (frame-benchmarking v2).

use super::*;
use crate::Pallet as Manufacturers;
use frame_benchmarking::v2::*;
use frame_support::{
	assert_ok,
	traits::{
		fungible::{Inspect, Mutate},
		EnsureOrigin, Get,
	},
};
use frame_system::RawOrigin;
use sp_runtime::traits::Saturating;

/// A funded account that has applied with the longest name and URI. Returns its id.
fn applied<T: Config>(who: &T::AccountId) -> ManufacturerId {
	let funds = T::ApplicationDeposit::get().saturating_mul(10u32.into());
	T::Currency::set_balance(who, funds.saturating_add(T::Currency::minimum_balance()));
	assert_ok!(Manufacturers::<T>::apply(
		RawOrigin::Signed(who.clone()).into(),
		longest_name::<T>(),
		*b"DE",
		longest_uri::<T>(),
	));
	NextManufacturerId::<T>::get() - 1
}

/// An approved manufacturer with a quota of 1,000. Returns its id.
fn approved<T: Config>() -> Result<ManufacturerId, BenchmarkError> {
	let id = applied::<T>(&account("maker", 0, 0));
	Manufacturers::<T>::do_approve(id, 1_000)?;
	Ok(id)
}

fn longest_name<T: Config>() -> NameOf<T> {
	alloc::vec![b'n'; T::MaxNameLength::get() as usize].try_into().expect("exact bound")
}

fn longest_uri<T: Config>() -> UriOf<T> {
	alloc::vec![b'u'; T::MaxUriLength::get() as usize].try_into().expect("exact bound")
}

fn governance<T: Config>() -> T::RuntimeOrigin {
	T::GovernanceOrigin::try_successful_origin().expect("governance origin can be made")
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn apply() {
		let who: T::AccountId = whitelisted_caller();
		let funds = T::ApplicationDeposit::get().saturating_mul(10u32.into());
		T::Currency::set_balance(&who, funds);

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), longest_name::<T>(), *b"DE", longest_uri::<T>());

		assert!(ManufacturerIdOf::<T>::contains_key(&who));
	}

	#[benchmark]
	fn withdraw() {
		let who: T::AccountId = whitelisted_caller();
		let id = applied::<T>(&who);

		#[extrinsic_call]
		_(RawOrigin::Signed(who));

		assert!(!ManufacturerInfoOf::<T>::contains_key(id));
	}

	#[benchmark]
	fn approve() -> Result<(), BenchmarkError> {
		let id = applied::<T>(&account("maker", 0, 0));
		let origin = governance::<T>();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id, 1_000);

		assert_eq!(
			ManufacturerInfoOf::<T>::get(id).map(|i| i.status),
			Some(ManufacturerStatus::Approved)
		);
		Ok(())
	}

	#[benchmark]
	fn freeze() -> Result<(), BenchmarkError> {
		let id = approved::<T>()?;
		let origin = governance::<T>();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id);

		assert_eq!(
			ManufacturerInfoOf::<T>::get(id).map(|i| i.status),
			Some(ManufacturerStatus::Frozen)
		);
		Ok(())
	}

	#[benchmark]
	fn release() -> Result<(), BenchmarkError> {
		let id = approved::<T>()?;
		Manufacturers::<T>::do_freeze(id)?;
		let origin = governance::<T>();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id);

		assert_eq!(
			ManufacturerInfoOf::<T>::get(id).map(|i| i.status),
			Some(ManufacturerStatus::Approved)
		);
		Ok(())
	}

	#[benchmark]
	fn retire() -> Result<(), BenchmarkError> {
		let id = approved::<T>()?;
		let origin = governance::<T>();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id);

		assert_eq!(
			ManufacturerInfoOf::<T>::get(id).map(|i| i.status),
			Some(ManufacturerStatus::Retired)
		);
		Ok(())
	}

	#[benchmark]
	fn set_quota() -> Result<(), BenchmarkError> {
		let id = approved::<T>()?;
		let origin = governance::<T>();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id, 2_000);

		assert_eq!(ManufacturerInfoOf::<T>::get(id).map(|i| i.quota), Some(2_000));
		Ok(())
	}

	#[benchmark]
	fn bond_more() {
		let who: T::AccountId = whitelisted_caller();
		let id = applied::<T>(&who);
		let amount = T::ApplicationDeposit::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(who), amount);

		let deposit = ManufacturerInfoOf::<T>::get(id).map(|i| i.deposit);
		assert_eq!(deposit, Some(amount.saturating_add(amount)));
	}

	/// Part of the deposit, to the slash destination.
	#[benchmark]
	fn slash() -> Result<(), BenchmarkError> {
		let id = approved::<T>()?;
		let origin = governance::<T>();
		let amount = T::Currency::minimum_balance().max(1u32.into());

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id, amount);

		let deposit = ManufacturerInfoOf::<T>::get(id).map(|i| i.deposit);
		assert_eq!(deposit, Some(T::ApplicationDeposit::get().saturating_sub(amount)));
		Ok(())
	}

	impl_benchmark_test_suite!(Manufacturers, crate::mock::build_ext(), crate::mock::Test);
}
