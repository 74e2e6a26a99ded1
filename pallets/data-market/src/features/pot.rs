//! The market's pot: the keyless account that holds every amount committed to the market.
//!
//! An escrow, a bond or a bounty's rewards leave the committing account when they are
//! committed: a `Polite` transfer into a hold on the pot, so every freeze and lock on the
//! payer (vesting, votes) is honoured exactly. From then on the money is the market's, and it
//! is paid out of the pot with `Force`: nothing on the payer's account, and nothing the payer
//! does later, can stop or change a payout. A payout the recipient cannot receive (an account
//! that no longer exists and an amount below the existential deposit) goes to
//! [`Config::FeeDestination`] instead, or, failing that, stays in the pot's free balance.

use crate::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate, MutateHold},
	tokens::{DepositConsequence, Fortitude, Precision, Preservation, Provenance, Restriction},
	Get,
};
use sp_runtime::{
	traits::{AccountIdConversion, Saturating, Zero},
	DispatchError, DispatchResult,
};

impl<T: Config> Pallet<T> {
	/// The pot's account, derived from [`Config::PalletId`]; no one has its key.
	pub fn pot() -> T::AccountId {
		T::PalletId::get().into_account_truncating()
	}

	/// Moves `amount` of `from`'s free balance into a hold for `reason` on the pot. Honours
	/// `from`'s freezes and keeps `from` alive; on any shortfall nothing moves and the error
	/// is [`Error::InsufficientBalance`].
	pub(crate) fn commit(
		reason: HoldReason,
		from: &T::AccountId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		Self::ensure_pot(from)?;
		T::Currency::transfer_and_hold(
			&reason.into(),
			from,
			&Self::pot(),
			amount,
			Precision::Exact,
			Preservation::Preserve,
			Fortitude::Polite,
		)
		.map_err(|_| Error::<T>::InsufficientBalance)?;
		Ok(())
	}

	/// Pays `amount` held for `reason` on the pot to `to`'s free balance, or where
	/// [`Self::payee`] sends it; returns the account paid.
	pub(crate) fn pay_out(
		reason: HoldReason,
		to: &T::AccountId,
		amount: BalanceOf<T>,
	) -> Result<T::AccountId, DispatchError> {
		if amount.is_zero() {
			return Ok(to.clone());
		}
		let payee = Self::payee(to, amount);
		T::Currency::transfer_on_hold(
			&reason.into(),
			&Self::pot(),
			&payee,
			amount,
			Precision::Exact,
			Restriction::Free,
			Fortitude::Force,
		)?;
		Self::note_redirect(to, &payee, amount);
		Ok(payee)
	}

	/// Moves `amount` on the pot from a hold for `from` to a hold for `to`.
	pub(crate) fn rehold(from: HoldReason, to: HoldReason, amount: BalanceOf<T>) -> DispatchResult {
		let pot = Self::pot();
		T::Currency::release(&from.into(), &pot, amount, Precision::Exact)?;
		T::Currency::hold(&to.into(), &pot, amount)
	}

	/// Who receives a payment of `amount` meant for `to`: `to` if it can receive it, else the
	/// fee destination, else the pot itself (whose free balance always keeps the existential
	/// deposit; only governance can move what stays there).
	pub(crate) fn payee(to: &T::AccountId, amount: BalanceOf<T>) -> T::AccountId {
		let can_receive = |who: &T::AccountId| {
			T::Currency::can_deposit(who, amount, Provenance::Extant) == DepositConsequence::Success
		};
		if can_receive(to) {
			return to.clone();
		}
		let fund = T::FeeDestination::get();
		if can_receive(&fund) {
			fund
		} else {
			Self::pot()
		}
	}

	/// Reports a payment of `amount` meant for `to` that `payee` received instead.
	pub(crate) fn note_redirect(to: &T::AccountId, payee: &T::AccountId, amount: BalanceOf<T>) {
		if to != payee {
			Self::deposit_event(Event::PayoutRedirected {
				intended: to.clone(),
				to: payee.clone(),
				amount,
			});
		}
	}

	/// Gives the pot the existential deposit from `payer` if it lacks it (once in the chain's
	/// life), so that it exists and can receive holds of any size.
	pub(crate) fn ensure_pot(payer: &T::AccountId) -> DispatchResult {
		let pot = Self::pot();
		let short = T::Currency::minimum_balance().saturating_sub(T::Currency::balance(&pot));
		if !short.is_zero() {
			T::Currency::transfer(payer, &pot, short, Preservation::Preserve)
				.map_err(|_| Error::<T>::InsufficientBalance)?;
		}
		Ok(())
	}
}
