//! Node incentives: each block pays its author from the node-incentive pool.

use crate::*;
use frame_support::traits::FindAuthor;
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

	/// Pays the current block's author its reward for `era`, within the era's budget.
	pub(crate) fn reward_author(era: EraIndex) {
		let digest = frame_system::Pallet::<T>::digest();
		let pre_runtime = digest.logs().iter().filter_map(|item| item.as_pre_runtime());
		let Some(author) = T::FindAuthor::find_author(pre_runtime) else { return };

		let budget = Self::era_budget(Pool::NodeIncentives, era);
		let (paid_era, paid) = AuthorsPaid::<T>::get();
		let paid = if paid_era == era { paid } else { Zero::zero() };
		let amount = Self::author_reward(era).min(budget.saturating_sub(paid));
		if amount.is_zero() || Self::pay(Pool::NodeIncentives, &author, amount).is_err() {
			return;
		}
		AuthorsPaid::<T>::put((era, paid.saturating_add(amount)));
		Self::deposit_event(Event::AuthorRewarded { author, amount });
	}
}
