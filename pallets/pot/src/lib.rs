//! # Keyless pots
//!
//! Money a pallet commits on someone's behalf (an escrow, a bond, a stake) and may pay to
//! someone else leaves the payer's account when it is committed: a `Polite` transfer into a
//! hold on the pallet's *pot*, a keyless account derived from its `PalletId`. That honours
//! every freeze and lock on the payer (vesting, votes) exactly, because freezes may overlap
//! holds on the payer's own account and a payout from there with `Force` would move frozen
//! money. From then on the money is the pallet's: it is paid out of the pot with `Force`, and
//! nothing the payer does later can stop or change a payout.
//!
//! A pot must exist to take holds; [`Pot::commit`] gives it the existential deposit from the
//! first payer, once in the chain's life. Used by the data market, DAG accounts and the
//! manufacturer registry.

#![cfg_attr(not(feature = "std"), no_std)]

use core::marker::PhantomData;
use frame_support::{
	traits::{
		fungible::{Inspect, Mutate, MutateHold},
		tokens::{DepositConsequence, Fortitude, Precision, Preservation, Provenance, Restriction},
	},
	PalletId,
};
use sp_runtime::{
	traits::{AccountIdConversion, Saturating, Zero},
	DispatchResult,
};

/// The pot of `PalletId`, holding `Currency`.
pub struct Pot<Currency, AccountId> {
	account: AccountId,
	_currency: PhantomData<Currency>,
}

impl<Currency, AccountId> Pot<Currency, AccountId>
where
	AccountId: codec::Encode + codec::Decode + Clone + Eq,
	Currency: Mutate<AccountId> + MutateHold<AccountId>,
{
	/// The pot of `id`: its account is `id`'s, which no one has the key of.
	pub fn of(id: PalletId) -> Self {
		Self { account: id.into_account_truncating(), _currency: PhantomData }
	}

	/// The pot's account.
	pub fn account(&self) -> &AccountId {
		&self.account
	}

	/// Moves `amount` of `from`'s free balance into a hold for `reason` on the pot, giving the
	/// pot its existential deposit from `from` first if it lacks it. Honours `from`'s freezes
	/// and keeps `from` alive. On a shortfall it fails after the existential deposit may have
	/// moved, so call it where a failure reverts the whole call (a dispatchable).
	pub fn commit(
		&self,
		reason: &Currency::Reason,
		from: &AccountId,
		amount: Currency::Balance,
	) -> DispatchResult {
		self.ensure_exists(from)?;
		Currency::transfer_and_hold(
			reason,
			from,
			&self.account,
			amount,
			Precision::Exact,
			Preservation::Preserve,
			Fortitude::Polite,
		)
		.map(drop)
	}

	/// Pays `amount` held for `reason` on the pot to `to`'s free balance.
	pub fn pay_out(
		&self,
		reason: &Currency::Reason,
		to: &AccountId,
		amount: Currency::Balance,
	) -> DispatchResult {
		if amount.is_zero() {
			return Ok(());
		}
		Currency::transfer_on_hold(
			reason,
			&self.account,
			to,
			amount,
			Precision::Exact,
			Restriction::Free,
			Fortitude::Force,
		)
		.map(drop)
	}

	/// Who receives a payment of `amount` meant for `to`: `to` if it can receive it, else
	/// `fallback`, else the pot itself (whose free balance keeps at least the existential
	/// deposit, so it always can).
	pub fn payee(
		&self,
		to: &AccountId,
		fallback: &AccountId,
		amount: Currency::Balance,
	) -> AccountId {
		if can_receive::<Currency, _>(to, amount) {
			to.clone()
		} else if can_receive::<Currency, _>(fallback, amount) {
			fallback.clone()
		} else {
			self.account.clone()
		}
	}

	/// Gives the pot the existential deposit from `payer` if it lacks it, so that it exists
	/// and can receive holds of any size.
	pub fn ensure_exists(&self, payer: &AccountId) -> DispatchResult {
		let short = Currency::minimum_balance().saturating_sub(Currency::balance(&self.account));
		if !short.is_zero() {
			Currency::transfer(payer, &self.account, short, Preservation::Preserve)?;
		}
		Ok(())
	}
}

/// Whether `who` can receive `amount` as things stand (it exists, or `amount` would create
/// it).
pub fn can_receive<Currency: Inspect<AccountId>, AccountId>(
	who: &AccountId,
	amount: Currency::Balance,
) -> bool {
	Currency::can_deposit(who, amount, Provenance::Extant) == DepositConsequence::Success
}

#[cfg(test)]
mod tests;
