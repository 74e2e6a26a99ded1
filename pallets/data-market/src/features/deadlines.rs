//! The deadline queue `on_initialize` works through, a bounded amount per block.

use crate::*;
use frame_support::{storage::with_storage_layer, weights::Weight};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::{One, Saturating};

/// How many blocks a deadline may be queued in: the block after its last allowed one, and the
/// blocks after that in turn while they are full.
pub const QUEUE_PROBES: u32 = 8;

impl<T: Config> Pallet<T> {
	/// Queues `deadline`, whose last allowed block is `last`, to be acted on in the first of
	/// the [`QUEUE_PROBES`] blocks from `last + 1` on whose queue has room. If all are full it
	/// is not queued: the permissionless calls still enforce it.
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

	/// Takes `deadline`, queued by [`Self::schedule`] with last allowed block `last`, out of
	/// the queue again (the blocks it may have been queued in are looked at in the same order):
	/// an entry that no longer applies must not take room an honest deadline needs.
	pub(crate) fn unschedule(last: BlockNumberFor<T>, deadline: Deadline) {
		let mut at = last.saturating_add(One::one());
		for _ in 0..QUEUE_PROBES {
			let mut queue = Deadlines::<T>::get(at);
			if let Some(index) = queue.iter().position(|d| *d == deadline) {
				queue.remove(index);
				if queue.is_empty() {
					Deadlines::<T>::remove(at);
				} else {
					Deadlines::<T>::insert(at, queue);
				}
				return;
			}
			at = at.saturating_add(One::one());
		}
	}

	/// Acts on the deadlines queued for block `now`; returns the weight used.
	pub(crate) fn act_on_deadlines(now: BlockNumberFor<T>) -> Weight {
		let due = Deadlines::<T>::take(now);
		let count = due.len() as u32;
		for deadline in due {
			// The same code as the permissionless calls, with their checks: an entry that no
			// longer applies (a purchase delivered or settled early, a listing closed, an
			// expiry moved) fails them and changes nothing. Each entry commits or rolls back
			// on its own, so one cannot undo the others.
			let result = with_storage_layer(|| Self::act_on(deadline));
			if let Err(error) = result {
				log::debug!(target: LOG_TARGET, "deadline {deadline:?} skipped: {error:?}");
			}
		}
		T::WeightInfo::on_initialize(count)
	}

	/// Does what the permissionless call for `deadline` does.
	fn act_on(deadline: Deadline) -> sp_runtime::DispatchResult {
		match deadline {
			Deadline::Delivery(id) => Self::do_refund(id),
			Deadline::Confirmation(id) => Self::do_settle_elapsed(id),
			Deadline::ListingExpiry(id) => Self::do_expire_listing(id),
			Deadline::BountyDeadline(id) => Self::do_close_bounty(None, id),
		}
	}
}
