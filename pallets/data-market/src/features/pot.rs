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
use frame_support::traits::Get;
use sp_runtime::{DispatchError, DispatchResult};

impl<T: Config> Pallet<T> {
	/// The pot's account, derived from [`Config::PalletId`]; no one has its key.
	pub fn pot() -> T::AccountId {
		Self::the_pot().account().clone()
	}

	/// The pot, to commit to and pay out of ([`itc_pot`]).
	fn the_pot() -> itc_pot::Pot<T::Currency, T::AccountId> {
		itc_pot::Pot::of(T::PalletId::get())
	}

	/// Moves `amount` of `from`'s free balance into a hold for `reason` on the pot. Honours
	/// `from`'s freezes and keeps `from` alive; on any shortfall nothing moves and the error
	/// is [`Error::InsufficientBalance`].
	pub(crate) fn commit(
		reason: HoldReason,
		from: &T::AccountId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		Self::the_pot()
			.commit(&reason.into(), from, amount)
			.map_err(|_| Error::<T>::InsufficientBalance.into())
	}

	/// Pays `amount` held for `reason` on the pot to `to`'s free balance, or where
	/// [`Self::payee`] sends it; returns the account paid.
	pub(crate) fn pay_out(
		reason: HoldReason,
		to: &T::AccountId,
		amount: BalanceOf<T>,
	) -> Result<T::AccountId, DispatchError> {
		if sp_runtime::traits::Zero::is_zero(&amount) {
			return Ok(to.clone());
		}
		let payee = Self::payee(to, amount);
		Self::the_pot().pay_out(&reason.into(), &payee, amount)?;
		Self::note_redirect(to, &payee, amount);
		Ok(payee)
	}

	/// Moves `amount` on the pot from a hold for `from` to a hold for `to`.
	pub(crate) fn rehold(from: HoldReason, to: HoldReason, amount: BalanceOf<T>) -> DispatchResult {
		use frame_support::traits::{fungible::MutateHold, tokens::Precision};
		let pot = Self::pot();
		T::Currency::release(&from.into(), &pot, amount, Precision::Exact)?;
		T::Currency::hold(&to.into(), &pot, amount)
	}

	/// Who receives a payment of `amount` meant for `to`: `to` if it can receive it, else the
	/// fee destination, else the pot itself (whose free balance always keeps the existential
	/// deposit; only governance can move what stays there).
	pub(crate) fn payee(to: &T::AccountId, amount: BalanceOf<T>) -> T::AccountId {
		Self::the_pot().payee(to, &T::FeeDestination::get(), amount)
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
		Self::the_pot().ensure_exists(payer).map_err(|_| Error::<T>::InsufficientBalance.into())
	}
}
