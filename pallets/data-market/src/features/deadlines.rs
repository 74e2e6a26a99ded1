//! The deadline queue `on_initialize` works through, a bounded amount per block.

use crate::*;
use frame_support::{storage::with_storage_layer, weights::Weight};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::{One, Saturating};

/// How many blocks after its own a deadline may be queued in when its block is full.
pub const QUEUE_PROBES: u32 = 8;

impl<T: Config> Pallet<T> {
	/// Queues `deadline`, whose last allowed block is `last`, to be acted on in the block
	/// after it, or in one of the next [`QUEUE_PROBES`] blocks if that one is full. If all
	/// are full it is not queued: the permissionless calls still enforce it.
	pub(crate) fn schedule(last: BlockNumberFor<T>, deadline: Deadline) {
		let mut at = last.saturating_add(One::one());
		for _ in 0..QUEUE_PROBES {
			if Deadlines::<T>::try_mutate(at, |queue| queue.try_push(deadline)).is_ok() {
				return;
			}
			at = at.saturating_add(One::one());
		}
		Self::deposit_event(Event::DeadlineNotQueued { deadline, at });
	}

	/// Acts on the deadlines queued for block `now`; returns the weight used.
	pub(crate) fn act_on_deadlines(now: BlockNumberFor<T>) -> Weight {
		let due = Deadlines::<T>::take(now);
		let count = due.len() as u32;
		for deadline in due {
			// Each deadline commits or rolls back on its own; one that fails (it cannot,
			// short of a bug) must not undo the others or halt the chain.
			let result = with_storage_layer(|| Self::act_on(deadline, now));
			if let Err(error) = result {
				log::warn!(target: LOG_TARGET, "deadline {deadline:?} failed: {error:?}");
			}
		}
		T::WeightInfo::on_initialize(count)
	}

	/// Acts on one deadline if it still applies: a purchase may have been delivered or
	/// settled, a listing closed, or an expiry moved, since it was queued.
	fn act_on(deadline: Deadline, now: BlockNumberFor<T>) -> sp_runtime::DispatchResult {
		match deadline {
			Deadline::Delivery(id) => match Purchases::<T>::get(id).map(|p| p.state) {
				Some(PurchaseState::AwaitingDelivery { deliver_by }) if now > deliver_by => {
					Self::do_refund(id)
				},
				_ => Ok(()),
			},
			Deadline::Confirmation(id) => match Purchases::<T>::get(id).map(|p| p.state) {
				Some(PurchaseState::Delivered { confirm_by, .. }) if now > confirm_by => {
					Self::do_settle_elapsed(id)
				},
				_ => Ok(()),
			},
			Deadline::ListingExpiry(id) => match Listings::<T>::get(id) {
				Some(listing)
					if listing.status == ListingStatus::Open && now > listing.expires_at =>
				{
					Self::close_listing(id, listing, ListingStatus::Expired)
				},
				_ => Ok(()),
			},
			Deadline::BountyDeadline(id) => match Bounties::<T>::get(id) {
				Some(bounty) if now > bounty.deadline => Self::end_bounty(id, &bounty),
				_ => Ok(()),
			},
		}
	}
}
