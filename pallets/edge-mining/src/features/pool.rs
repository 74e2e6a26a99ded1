//! The pools: held at genesis, paid out by the emission curve, counted in eras.

use crate::*;
use frame_support::{
	storage::with_storage_layer,
	traits::{
		fungible::{Inspect, MutateHold},
		tokens::{Fortitude, Precision, Preservation, Restriction},
		Get,
	},
};
use itc_primitives::{emission, mining::EraIndex, WallClock};
use sp_runtime::{
	traits::{Saturating, Zero},
	DispatchResult, SaturatedConversion,
};

impl<T: Config> Pallet<T> {
	/// The account of `pool`.
	pub fn pool_account(pool: Pool) -> T::AccountId {
		match pool {
			Pool::Mining => T::MiningPool::get(),
			Pool::NodeIncentives => T::NodeIncentivePool::get(),
		}
	}

	/// The era now: whole [`EraLength`]s of wall-clock time since the genesis moment.
	pub fn current_era() -> EraIndex {
		(T::Clock::elapsed_ms() / EraLength::<T>::get().max(1)).saturated_into()
	}

	/// Block slots in an era (at least one).
	pub fn slots_per_era() -> u64 {
		(EraLength::<T>::get() / T::BlockTime::get().max(1)).max(1)
	}

	/// What `pool` may pay in `era` by the emission curve over its genesis amount.
	pub fn era_budget(pool: Pool, era: EraIndex) -> BalanceOf<T> {
		let initial: u128 = Emission::<T>::get(pool).initial.saturated_into();
		emission::era_budget(initial, era).saturated_into()
	}

	/// What `pool` still holds.
	pub fn remaining(pool: Pool) -> BalanceOf<T> {
		let state = Emission::<T>::get(pool);
		state.initial.saturating_sub(state.paid)
	}

	/// Holds all of `pool`'s account but the existential deposit as the pool (genesis).
	pub(crate) fn hold_pool(pool: Pool) -> DispatchResult {
		let account = Self::pool_account(pool);
		let amount =
			T::Currency::reducible_balance(&account, Preservation::Preserve, Fortitude::Polite);
		if !amount.is_zero() {
			T::Currency::hold(&HoldReason::from(pool).into(), &account, amount)?;
		}
		Emission::<T>::insert(pool, PoolState { initial: amount, paid: Zero::zero() });
		Ok(())
	}

	/// Pays `amount` from `pool` into `to`'s free balance; changes nothing if it fails.
	pub(crate) fn pay(pool: Pool, to: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		with_storage_layer(|| {
			T::Currency::transfer_on_hold(
				&HoldReason::from(pool).into(),
				&Self::pool_account(pool),
				to,
				amount,
				Precision::Exact,
				Restriction::Free,
				Fortitude::Polite,
			)?;
			Emission::<T>::mutate(pool, |state| state.paid.saturating_accrue(amount));
			Ok(())
		})
	}
}
