//! Opening epochs once they end, and timing them out.

use crate::*;
use frame_support::{pallet_prelude::*, traits::Time};
use frame_system::pallet_prelude::BlockNumberFor;
use itc_primitives::{anchor::EpochIndex, WallClock};
use sp_runtime::{traits::Saturating, SaturatedConversion};

impl<T: Config> Pallet<T> {
	/// `on_initialize`: times out the open epoch past its deadline, then opens the latest
	/// ended epoch if none is open.
	pub(crate) fn do_advance_epochs(n: BlockNumberFor<T>) -> Weight {
		let mut weight = T::DbWeight::get().reads(1);
		if let Some(window) = OpenEpoch::<T>::get() {
			if n <= window.deadline {
				return weight;
			}
			let proposals = Self::resolve(window.epoch);
			Self::deposit_event(Event::EpochTimedOut { epoch: window.epoch, proposals });
			weight = T::WeightInfo::on_initialize_timeout(proposals);
		}
		if Self::open_ended_epoch(n) {
			weight.saturating_accrue(T::WeightInfo::on_initialize_open());
		} else {
			weight.saturating_accrue(T::DbWeight::get().reads(3));
		}
		weight
	}

	/// Opens the latest epoch that has ended, if it was not resolved yet. Epochs between it and
	/// the last resolved one are skipped: the batch of the one opened holds their
	/// transactions. Returns whether it opened one.
	fn open_ended_epoch(n: BlockNumberFor<T>) -> bool {
		let length = EpochLength::<T>::get().max(1);
		let elapsed = T::Clock::elapsed_ms();
		let current: EpochIndex = (elapsed / length).saturated_into();
		let next = NextEpoch::<T>::get();
		if current <= next {
			return false;
		}
		let epoch = current - 1;
		let genesis = T::Time::now().saturating_sub(elapsed);
		let end_ms = genesis.saturating_add(length.saturating_mul(u64::from(epoch) + 1));
		let deadline = n.saturating_add(T::EpochTimeout::get());
		OpenEpoch::<T>::put(EpochWindow { epoch, reference: n, deadline, end_ms });
		NextEpoch::<T>::put(epoch);
		Self::deposit_event(Event::EpochOpened {
			epoch,
			reference: n,
			deadline,
			skipped: epoch - next,
		});
		true
	}

	/// Closes `epoch` (anchored or not): clears its proposals and lets the next one open.
	/// Returns how many proposals it had.
	pub(crate) fn resolve(epoch: EpochIndex) -> u32 {
		let limit = T::MaxValidators::get();
		// At most `MaxValidators` of each: one proposal per validator.
		let proposals = Proposals::<T>::iter_key_prefix(epoch).count() as u32;
		let _ = Proposals::<T>::clear_prefix(epoch, limit, None);
		let _ = Tallies::<T>::clear_prefix(epoch, limit, None);
		OpenEpoch::<T>::kill();
		NextEpoch::<T>::put(epoch.saturating_add(1));
		proposals
	}

	/// Proposals needed out of `validators`: two thirds, rounded up (at least one).
	pub fn threshold(validators: u32) -> u32 {
		validators.saturating_mul(2).div_ceil(3).max(1)
	}
}
