//! Settlement of anchored DAG batches: the net change a batch makes to each micro-account,
//! applied all together, and each sender's sequence watermark moved past what it settled.
//!
//! The money stays in the pot: settlement moves amounts between micro-accounts in the ledger
//! only, so it cannot fail on anyone's balance (a device account that does not exist, or was
//! emptied, is credited all the same). A debtor pays from what it has locked first, then from
//! what it is unlocking (still in the pot: unlock requests wait `UnlockDelay`, which outlasts
//! an anchor epoch, precisely so that transfers made against the funds before the request can
//! still settle).

use crate::*;
use alloc::vec::Vec;
use frame_support::ensure;
use itc_primitives::{
	anchor::{MicroSettlement, NetChange, SeqRange},
	device::DeviceRegistry,
};
use sp_runtime::{
	traits::{CheckedAdd, Saturating, Zero},
	ArithmeticError, DispatchError, DispatchResult,
};

impl<T: Config> MicroSettlement<T::AccountId> for Pallet<T> {
	fn settle(
		changes: &[NetChange<T::AccountId>],
		senders: &[SeqRange<T::AccountId>],
	) -> DispatchResult {
		for range in senders {
			// Only devices send: a watermark is never written for any other account.
			ensure!(T::Devices::code_of(&range.account).is_some(), Error::<T>::NotADevice);
			ensure!(range.next > range.first, Error::<T>::SequenceMismatch);
			ensure!(NextSeq::<T>::get(&range.account) == range.first, Error::<T>::SequenceMismatch);
		}
		let (debits, credits) = Self::split(changes)?;
		for (account, amount) in &debits {
			let record = Accounts::<T>::get(account).ok_or(Error::<T>::InsufficientLocked)?;
			let total = record
				.unlocking
				.iter()
				.try_fold(record.locked, |sum, u| sum.checked_add(&u.amount))
				.ok_or(ArithmeticError::Overflow)?;
			ensure!(total >= *amount, Error::<T>::InsufficientLocked);
		}
		// A credit goes to a micro-account; one its device emptied (withdrew everything) after
		// the batch was cut is opened again, so the payment still lands.
		for (account, _) in &credits {
			let open = Accounts::<T>::contains_key(account);
			ensure!(open || T::Devices::code_of(account).is_some(), Error::<T>::NotADevice);
		}
		for (account, amount) in debits {
			Accounts::<T>::mutate(&account, |record| {
				if let Some(record) = record {
					Self::take(record, amount);
				}
			});
			Self::remove_if_empty(&account);
		}
		for (account, amount) in credits {
			Accounts::<T>::mutate(&account, |record| {
				record.get_or_insert_with(Default::default).locked.saturating_accrue(amount);
			});
		}
		for range in senders {
			NextSeq::<T>::insert(&range.account, range.next);
		}
		Ok(())
	}
}

impl<T: Config> Pallet<T> {
	/// Debits and credits as positive amounts; fails if they do not balance.
	#[allow(clippy::type_complexity)]
	fn split(
		changes: &[NetChange<T::AccountId>],
	) -> Result<(Vec<(T::AccountId, BalanceOf<T>)>, Vec<(T::AccountId, BalanceOf<T>)>), DispatchError>
	{
		// Each account once: a repeated debtor would be checked against its record once per
		// entry but debited once, crediting others more than the pot holds for it.
		ensure!(
			changes.windows(2).all(|w| w[0].account < w[1].account),
			Error::<T>::AccountsNotAscending
		);
		let (mut debits, mut credits) = (Vec::new(), Vec::new());
		let (mut sent, mut received) = (BalanceOf::<T>::zero(), BalanceOf::<T>::zero());
		for change in changes {
			let amount: BalanceOf<T> =
				change.delta.unsigned_abs().try_into().map_err(|_| ArithmeticError::Overflow)?;
			if change.delta < 0 {
				sent = sent.checked_add(&amount).ok_or(ArithmeticError::Overflow)?;
				debits.push((change.account.clone(), amount));
			} else if change.delta > 0 {
				received = received.checked_add(&amount).ok_or(ArithmeticError::Overflow)?;
				credits.push((change.account.clone(), amount));
			}
		}
		ensure!(sent == received, DispatchError::Other("settlement does not balance"));
		Ok((debits, credits))
	}

	/// Takes `amount` out of a record: from what is locked, then from the latest unlock
	/// requests (those furthest from being withdrawn).
	fn take(record: &mut MicroAccountOf<T>, mut amount: BalanceOf<T>) {
		let from_locked = record.locked.min(amount);
		record.locked.saturating_reduce(from_locked);
		amount.saturating_reduce(from_locked);
		while !amount.is_zero() {
			let Some(last) = record.unlocking.last_mut() else { break };
			let part = last.amount.min(amount);
			last.amount.saturating_reduce(part);
			amount.saturating_reduce(part);
			if last.amount.is_zero() {
				record.unlocking.pop();
			}
		}
	}

	fn remove_if_empty(account: &T::AccountId) {
		if Accounts::<T>::get(account).is_some_and(|r| r.locked.is_zero() && r.unlocking.is_empty())
		{
			Accounts::<T>::remove(account);
		}
	}
}
