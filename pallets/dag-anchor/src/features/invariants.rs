//! The pallet's invariants, checked by `try_state` after every test.

use crate::*;
use frame_support::{ensure, traits::Get};
use itc_primitives::anchor::summary_hash;
use sp_runtime::TryRuntimeError;

impl<T: Config> Pallet<T> {
	/// All invariants.
	#[cfg(any(feature = "try-runtime", feature = "std"))]
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		Self::try_state_open_epoch()?;
		Self::try_state_tallies()?;
		Self::try_state_anchors()
	}

	/// The open epoch is the next one to resolve; proposals exist only for the open epoch.
	#[cfg(any(feature = "try-runtime", feature = "std"))]
	fn try_state_open_epoch() -> Result<(), TryRuntimeError> {
		let open = OpenEpoch::<T>::get();
		if let Some(window) = &open {
			ensure!(window.epoch == NextEpoch::<T>::get(), "open epoch ≠ next epoch");
			ensure!(window.reference <= window.deadline, "deadline before reference");
		}
		for (epoch, _, _) in Proposals::<T>::iter() {
			ensure!(open.as_ref().is_some_and(|w| w.epoch == epoch), "proposal for a closed epoch");
		}
		for (epoch, _, _) in Tallies::<T>::iter() {
			ensure!(open.as_ref().is_some_and(|w| w.epoch == epoch), "tally for a closed epoch");
		}
		Ok(())
	}

	/// Each tally is keyed by its summary's hash and counts exactly the proposals of that
	/// hash, and none has reached the threshold (it would have been anchored).
	#[cfg(any(feature = "try-runtime", feature = "std"))]
	fn try_state_tallies() -> Result<(), TryRuntimeError> {
		let threshold = Self::threshold(T::Validators::get().len() as u32);
		for (epoch, hash, tally) in Tallies::<T>::iter() {
			ensure!(summary_hash(&tally.summary) == hash, "tally under a wrong hash");
			ensure!(tally.summary.epoch == epoch, "tally of another epoch");
			let proposals = Proposals::<T>::iter_prefix(epoch)
				.filter(|(_, proposed)| *proposed == hash)
				.count();
			ensure!(proposals as u32 == tally.votes, "votes ≠ proposals");
			ensure!(tally.votes < threshold, "a tally reached the threshold unanchored");
		}
		for (epoch, _, hash) in Proposals::<T>::iter() {
			ensure!(Tallies::<T>::contains_key(epoch, hash), "proposal without a tally");
		}
		Ok(())
	}

	/// The latest anchor exists and every anchor is of a resolved epoch.
	#[cfg(any(feature = "try-runtime", feature = "std"))]
	fn try_state_anchors() -> Result<(), TryRuntimeError> {
		let next = NextEpoch::<T>::get();
		if let Some(last) = LastAnchored::<T>::get() {
			ensure!(Anchors::<T>::contains_key(last), "the latest anchor is missing");
			ensure!(last < next, "the latest anchor is not resolved");
		}
		for (epoch, anchor) in Anchors::<T>::iter() {
			ensure!(epoch < next, "an anchor of an unresolved epoch");
			ensure!(
				LastAnchored::<T>::get().is_some_and(|last| epoch <= last),
				"anchor after the latest"
			);
			ensure!((anchor.count == 0) == anchor.cid.is_empty(), "anchor CID ≠ count");
		}
		Ok(())
	}
}
