//! The pot: the keyless account that holds every micro-account's funds.
//!
//! Locked funds leave the payer's account when they are locked: a `Polite` transfer into a
//! hold on the pot, so every freeze and lock on the payer (vesting, votes) is honoured
//! exactly. Settlement then only moves amounts between micro-accounts in this pallet's ledger
//! ([`Accounts`]), which cannot fail on anyone's balance, and a withdrawal pays the device
//! account out of the pot with `Force`: the pot has no key, so nothing can stand in its way.

use crate::*;
use frame_support::{ensure, traits::Get};
use itc_primitives::device::DeviceRegistry;
use sp_runtime::{
	traits::{Saturating, Zero},
	DispatchResult,
};

impl<T: Config> Pallet<T> {
	/// The pot's account, derived from [`Config::PalletId`]; no one has its key.
	pub fn pot() -> T::AccountId {
		Self::the_pot().account().clone()
	}

	/// The pot, to commit to and pay out of ([`itc_pot`]).
	fn the_pot() -> itc_pot::Pot<T::Currency, T::AccountId> {
		itc_pot::Pot::of(T::PalletId::get())
	}

	/// `who` locks `amount` for the DAG spending of `device`.
	pub(crate) fn do_lock(
		who: T::AccountId,
		device: T::AccountId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		ensure!(T::Devices::code_of(&device).is_some(), Error::<T>::NotADevice);
		ensure!(amount >= T::MinLock::get() && !amount.is_zero(), Error::<T>::AmountTooLow);
		Self::the_pot()
			.commit(&HoldReason::DagSpending.into(), &who, amount)
			.map_err(|_| Error::<T>::InsufficientBalance)?;
		Accounts::<T>::mutate(&device, |account| {
			let account = account.get_or_insert_with(Default::default);
			account.locked = account.locked.saturating_add(amount);
		});
		Self::deposit_event(Event::Locked { account: device, by: who, amount });
		Ok(())
	}

	/// Pays `who` its unlock requests that are due.
	pub(crate) fn do_withdraw(who: T::AccountId) -> DispatchResult {
		let now = frame_system::Pallet::<T>::block_number();
		let mut account = Accounts::<T>::get(&who).ok_or(Error::<T>::NothingToWithdraw)?;
		let mut due = BalanceOf::<T>::zero();
		account.unlocking.retain(|u| {
			let is_due = u.at <= now;
			if is_due {
				due = due.saturating_add(u.amount);
			}
			!is_due
		});
		ensure!(!due.is_zero(), Error::<T>::NothingToWithdraw);
		// Fails with `CannotCreate` only for an account that does not exist (a multisig or
		// derived origin) and `due` below the existential deposit: fund the account first.
		Self::the_pot().pay_out(&HoldReason::DagSpending.into(), &who, due)?;
		if account.locked.is_zero() && account.unlocking.is_empty() {
			Accounts::<T>::remove(&who);
		} else {
			Accounts::<T>::insert(&who, account);
		}
		Self::deposit_event(Event::Withdrawn { account: who, amount: due });
		Ok(())
	}

	/// Gives the pot the existential deposit from `payer` if it lacks it (once in the chain's
	/// life), so that it exists and can receive holds of any size.
	pub(crate) fn ensure_pot(payer: &T::AccountId) -> DispatchResult {
		Self::the_pot().ensure_exists(payer).map_err(|_| Error::<T>::InsufficientBalance.into())
	}
}
