//! Confirmation: paying each closed era's budget to its devices, a bounded number per block.

use crate::*;
use frame_support::traits::Get;
use itc_primitives::{
	device::{DeviceCode, DeviceRegistry},
	mining::EraIndex,
};
use sp_runtime::{
	traits::{Saturating, Zero},
	SaturatedConversion,
};

impl<T: Config> Pallet<T> {
	/// Takes up to `max` steps of the payout sweep over the eras that `current` has closed
	/// (era `e` closes when era `e + 2` starts: its reports were taken during `e + 1`). A step
	/// pays or forfeits one report, or moves past a finished era. Returns the steps taken.
	pub(crate) fn pay_rewards(current: EraIndex, max: u32) -> u32 {
		let closed = |era: EraIndex| era.saturating_add(2) <= current;
		let (mut era, mut index) = PayoutCursor::<T>::get();
		if !closed(era) {
			return 0;
		}
		let mut summary = Eras::<T>::get(era);
		let mut budget = Self::era_budget(Pool::Mining, era);
		let mut steps = 0;
		while steps < max {
			steps += 1;
			if index < summary.reports {
				let paid = Self::pay_report(era, index, &summary, budget);
				summary.paid.saturating_accrue(paid);
				index += 1;
				continue;
			}
			if summary.reports > 0 {
				Self::deposit_event(Event::EraPaid { era, budget, paid: summary.paid });
				Eras::<T>::insert(era, &summary);
			}
			era = era.saturating_add(1);
			index = 0;
			if !closed(era) {
				break;
			}
			summary = Eras::<T>::get(era);
			budget = Self::era_budget(Pool::Mining, era);
		}
		if index > 0 {
			Eras::<T>::insert(era, &summary);
		}
		PayoutCursor::<T>::put((era, index));
		steps
	}

	/// Pays (or forfeits) the `index`th report of `era`, of `summary` and `budget`; returns
	/// what was paid.
	fn pay_report(
		era: EraIndex,
		index: u32,
		summary: &EraSummary<BalanceOf<T>>,
		budget: BalanceOf<T>,
	) -> BalanceOf<T> {
		let Some(device) = Reporters::<T>::take(era, index) else { return Zero::zero() };
		let Some(report) = Reports::<T>::take(era, device) else { return Zero::zero() };
		let amount = Self::reward_of(&report, summary, budget);
		match Self::deliver(&device, amount) {
			Ok(account) => {
				Self::deposit_event(Event::RewardPaid { era, device, account, amount });
				amount
			},
			Err(reason) => {
				Self::deposit_event(Event::RewardForfeited { era, device, amount, reason });
				Zero::zero()
			},
		}
	}

	/// What `report` earns of an era of `summary` and `budget` ([`scoring::reward`]).
	pub(crate) fn reward_of(
		report: &ScoredReport<BalanceOf<T>>,
		summary: &EraSummary<BalanceOf<T>>,
		budget: BalanceOf<T>,
	) -> BalanceOf<T> {
		let budget: u128 = budget.saturated_into();
		let total_fees: u128 = summary.total_fees.saturated_into();
		let market = Self::market_budget(budget, total_fees);
		let claims = (report.score, summary.total_score);
		let fees = (report.market_fees.saturated_into(), total_fees);
		scoring::reward(budget, market, claims, fees).saturated_into()
	}

	/// The market's part of an era's `budget` given its `total_fees`.
	pub(crate) fn market_budget(budget: u128, total_fees: u128) -> u128 {
		scoring::market_budget(budget, total_fees, T::MarketShare::get(), T::FeeRebate::get())
	}

	/// Pays `amount` from the mining pool into `device`'s own account, if it still earns.
	fn deliver(device: &DeviceCode, amount: BalanceOf<T>) -> Result<T::AccountId, ForfeitReason> {
		if !T::Devices::is_active(device) {
			return Err(ForfeitReason::Inactive);
		}
		let account = T::Devices::device_account(device).ok_or(ForfeitReason::Inactive)?;
		if amount.is_zero() || Self::pay(Pool::Mining, &account, amount).is_err() {
			return Err(ForfeitReason::Undeliverable);
		}
		Ok(account)
	}
}
