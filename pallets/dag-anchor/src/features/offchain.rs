//! The off-chain worker: proposes the summary the node left for the open epoch.
//!
//! It runs after each block the node imports (on validators). It is idempotent: a validator
//! that proposed already (on chain) is skipped, and a submission is repeated at most every
//! [`RESUBMIT_AFTER`] blocks while it is not on chain (the pool may have dropped it), so
//! running twice for a block or skipping blocks is harmless.

use crate::*;
use codec::Encode;
use frame_support::traits::Get;
use frame_system::{offchain::SubmitTransaction, pallet_prelude::BlockNumberFor};
use itc_primitives::anchor::EpochIndex;
use sp_runtime::{offchain::storage::StorageValueRef, traits::Saturating, RuntimeAppPublic};

/// Blocks after which a proposal not yet on chain is submitted again.
pub const RESUBMIT_AFTER: u32 = 5;

/// The off-chain storage key of `epoch`'s summary.
pub fn summary_key(epoch: EpochIndex) -> alloc::vec::Vec<u8> {
	[SUMMARY_KEY_PREFIX, &epoch.to_le_bytes()[..]].concat()
}

impl<T: Config> Pallet<T> {
	/// Proposes the open epoch's summary with every validator key in the node's keystore.
	pub(crate) fn do_offchain_propose(n: BlockNumberFor<T>) {
		let Some(window) = OpenEpoch::<T>::get() else { return };
		if n > window.deadline {
			return;
		}
		let key = summary_key(window.epoch);
		let stored = StorageValueRef::persistent(&key);
		let summary = match stored.get::<AnchorSummaryOf<T>>() {
			Ok(Some(summary)) if summary.epoch == window.epoch => summary,
			Ok(Some(_)) | Err(_) => {
				log::warn!(target: LOG_TARGET, "epoch {}: the stored summary is unusable", window.epoch);
				return;
			},
			Ok(None) => return,
		};
		let payload = Self::payload_of(&summary);
		let validators = T::Validators::get();
		for key in T::AuthorityId::all() {
			if !validators.contains(&key) || Proposals::<T>::contains_key(window.epoch, &key) {
				continue;
			}
			if !Self::claim_submission(window.epoch, &key, n) {
				continue;
			}
			let Some(signature) = key.sign(&payload) else {
				log::warn!(target: LOG_TARGET, "epoch {}: the keystore could not sign", window.epoch);
				continue;
			};
			let call = Call::propose { summary: summary.clone(), validator: key, signature };
			let xt = T::create_authorized_transaction(call.into());
			match SubmitTransaction::<T, Call<T>>::submit_transaction(xt) {
				Ok(()) => {
					log::info!(target: LOG_TARGET, "epoch {}: proposal submitted", window.epoch)
				},
				Err(()) => {
					log::warn!(target: LOG_TARGET, "epoch {}: the pool refused the proposal", window.epoch)
				},
			}
		}
	}

	/// Records that `key` submits for `epoch` at block `n`, unless it did within the last
	/// [`RESUBMIT_AFTER`] blocks (compare-and-set, so two workers never both submit).
	fn claim_submission(epoch: EpochIndex, key: &T::AuthorityId, n: BlockNumberFor<T>) -> bool {
		let sent_key = [SENT_KEY_PREFIX, &epoch.to_le_bytes()[..], &key.encode()[..]].concat();
		let sent = StorageValueRef::persistent(&sent_key);
		let result = sent.mutate(|last: Result<Option<BlockNumberFor<T>>, _>| match last {
			Ok(Some(at)) if n < at.saturating_add(RESUBMIT_AFTER.into()) && n >= at => Err(()),
			_ => Ok(n),
		});
		result.is_ok()
	}
}

/// Log target of the pallet.
pub const LOG_TARGET: &str = "runtime::dag-anchor";
