//! Node incentives: each block pays its author from the node-incentive pool, and hands it the
//! fees the pool's account received since the last block.

use crate::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	tokens::{Fortitude, Preservation},
	FindAuthor,
};
use itc_primitives::mining::EraIndex;
use sp_runtime::{
	traits::{Saturating, Zero},
	SaturatedConversion,
};

impl<T: Config> Pallet<T> {
	/// What one block pays its author in `era`: the era's node-incentive budget over its
	/// slots, rounded down.
	pub fn author_reward(era: EraIndex) -> BalanceOf<T> {
		let budget = Self::era_budget(Pool::NodeIncentives, era);
		budget / Self::slots_per_era().saturated_into()
	}

	/// Pays the current block's author its reward for `era`, within the era's budget, and the
	/// fees in the pool's free balance.
	pub(crate) fn reward_author(era: EraIndex) {
		let digest = frame_system::Pallet::<T>::digest();
		let pre_runtime = digest.logs().iter().filter_map(|item| item.as_pre_runtime());
		let Some(author) = T::FindAuthor::find_author(pre_runtime) else { return };

		let budget = Self::era_budget(Pool::NodeIncentives, era);
		let (paid_era, paid) = AuthorsPaid::<T>::get();
		let paid = if paid_era == era { paid } else { Zero::zero() };
		let amount = Self::author_reward(era).min(budget.saturating_sub(paid));
		let amount =
			if !amount.is_zero() && Self::pay(Pool::NodeIncentives, &author, amount).is_ok() {
				AuthorsPaid::<T>::put((era, paid.saturating_add(amount)));
				amount
			} else {
				Zero::zero()
			};
		let fees = Self::pay_fees(&author);
		if !(amount.is_zero() && fees.is_zero()) {
			Self::deposit_event(Event::AuthorRewarded { author, amount, fees });
		}
	}

	/// Hands `author` what the node-incentive account holds free above its existential
	/// deposit: the fees and tips of the blocks since the last author was paid (and any
	/// donation). Not emission: the held pool and its budget are untouched. Nothing moves if
	/// `author` cannot receive it (a new account and less than the existential deposit): the
	/// fees wait for the next author.
	fn pay_fees(author: &T::AccountId) -> BalanceOf<T> {
		let pool = Self::pool_account(Pool::NodeIncentives);
		let fees = T::Currency::reducible_balance(&pool, Preservation::Preserve, Fortitude::Polite);
		if fees.is_zero()
			|| T::Currency::transfer(&pool, author, fees, Preservation::Preserve).is_err()
		{
			return Zero::zero();
		}
		fees
	}
}
