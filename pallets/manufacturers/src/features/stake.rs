//! The deposit as stake: held on the registry's pot, raised by the manufacturer, slashed by
//! governance.
//!
//! The deposit leaves the manufacturer's account when it is committed (`apply`, `bond_more`)
//! through the pot ([`itc_pot`]), which honours its freezes; from then on no freeze of the
//! manufacturer stands between the deposit and a slash or its return.

use crate::*;
use frame_support::{ensure, traits::Get};
use itc_primitives::device::{ManufacturerStake, Stake};
use sp_runtime::{
	traits::{Saturating, Zero},
	DispatchResult,
};

impl<T: Config> Pallet<T> {
	/// The registry's pot: the keyless account every deposit is held on.
	pub fn pot() -> T::AccountId {
		Self::the_pot().account().clone()
	}

	/// The pot, to commit to and pay out of.
	pub(crate) fn the_pot() -> itc_pot::Pot<T::Currency, T::AccountId> {
		itc_pot::Pot::of(T::PalletId::get())
	}

	/// Commits `amount` of `who`'s free balance to the pot as deposit.
	pub(crate) fn commit_deposit(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		Self::the_pot()
			.commit(&HoldReason::ManufacturerDeposit.into(), who, amount)
			.map_err(|_| Error::<T>::InsufficientBalance.into())
	}

	/// Returns what is left of `info`'s deposit to its account (or, if that account cannot
	/// receive it, to the slash destination).
	pub(crate) fn return_deposit(info: &ManufacturerInfo<T>) -> DispatchResult {
		let pot = Self::the_pot();
		let payee = pot.payee(&info.account, &T::SlashDestination::get(), info.deposit);
		pot.pay_out(&HoldReason::ManufacturerDeposit.into(), &payee, info.deposit)
	}

	/// `who`, running manufacturer `id` (not retired), adds `amount` to its deposit.
	pub(crate) fn do_bond_more(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let id = ManufacturerIdOf::<T>::get(who).ok_or(Error::<T>::NotManufacturer)?;
		let mut info = ManufacturerInfoOf::<T>::get(id).ok_or(Error::<T>::UnknownManufacturer)?;
		Self::commit_deposit(who, amount)?;
		info.deposit.saturating_accrue(amount);
		let deposit = info.deposit;
		ManufacturerInfoOf::<T>::insert(id, info);
		Self::deposit_event(Event::DepositIncreased { id, amount, deposit });
		Ok(())
	}

	/// Governance slashes up to `amount` of manufacturer `id`'s deposit to the slash
	/// destination.
	pub(crate) fn do_slash(id: ManufacturerId, amount: BalanceOf<T>) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let mut info = ManufacturerInfoOf::<T>::get(id).ok_or(Error::<T>::UnknownManufacturer)?;
		ensure!(info.status != ManufacturerStatus::Retired, Error::<T>::AlreadyRetired);
		let amount = amount.min(info.deposit);
		ensure!(!amount.is_zero(), Error::<T>::NothingToSlash);
		Self::the_pot().pay_out(
			&HoldReason::ManufacturerDeposit.into(),
			&T::SlashDestination::get(),
			amount,
		)?;
		info.deposit.saturating_reduce(amount);
		let deposit = info.deposit;
		ManufacturerInfoOf::<T>::insert(id, info);
		Self::deposit_event(Event::Slashed { id, amount, deposit });
		Ok(())
	}
}

impl<T: Config> ManufacturerStake<BalanceOf<T>> for Pallet<T> {
	fn stake(id: ManufacturerId) -> Stake<BalanceOf<T>> {
		match ManufacturerInfoOf::<T>::get(id) {
			Some(info) if info.status != ManufacturerStatus::Retired => {
				Stake { deposit: info.deposit, devices: info.registered }
			},
			_ => Stake::default(),
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_set_deposit(id: ManufacturerId, deposit: BalanceOf<T>) {
		use frame_support::traits::fungible::{Inspect, Mutate, MutateHold};
		let pot = Self::the_pot();
		let reason = HoldReason::ManufacturerDeposit.into();
		let Some(mut info) = ManufacturerInfoOf::<T>::get(id) else { return };
		let _ = T::Currency::release(
			&reason,
			pot.account(),
			info.deposit,
			frame_support::traits::tokens::Precision::BestEffort,
		);
		let floor = T::Currency::minimum_balance();
		let _ = T::Currency::mint_into(pot.account(), deposit.saturating_add(floor));
		let _ = T::Currency::hold(&reason, pot.account(), deposit);
		info.deposit = deposit;
		ManufacturerInfoOf::<T>::insert(id, info);
	}
}
