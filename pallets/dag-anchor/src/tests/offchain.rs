//! The off-chain worker: it proposes what the node left, once, with validator keys only.

use crate::{mock::*, *};
use codec::Decode;
use frame_support::traits::Hooks;
use sp_runtime::{offchain::storage::StorageValueRef, testing::UintAuthorityId};

fn leave_summary(summary: &AnchorSummaryOf<Test>) {
	StorageValueRef::persistent(&features_summary_key(summary.epoch)).set(summary);
}

fn features_summary_key(epoch: u32) -> Vec<u8> {
	[SUMMARY_KEY_PREFIX, &epoch.to_le_bytes()[..]].concat()
}

/// The proposals in the pool, as (validator, summary), their signatures checked.
fn pooled(pool: &dyn Fn() -> Vec<Vec<u8>>) -> Vec<(u64, AnchorSummaryOf<Test>)> {
	pool()
		.into_iter()
		.map(|bytes| {
			let xt = Extrinsic::decode(&mut &bytes[..]).unwrap();
			let RuntimeCall::DagAnchor(Call::propose { summary, validator, signature }) =
				xt.function
			else {
				panic!("not a proposal")
			};
			assert_eq!(validity(validator.0, summary.clone(), signature), "valid");
			(validator.0, summary)
		})
		.collect()
}

#[test]
fn the_worker_proposes_the_stored_summary_with_each_validator_key() {
	new_offchain_ext(|pool| {
		UintAuthorityId::set_all_keys([2u64, 3, 9]);
		end_epoch(0);
		let s = summary(0, 1);
		leave_summary(&s);
		DagAnchor::offchain_worker(System::block_number());
		// Key 9 is not a validator's.
		assert_eq!(pooled(pool), vec![(2, s.clone()), (3, s)]);
	});
}

#[test]
fn the_worker_does_not_resubmit_too_soon_but_does_later() {
	new_offchain_ext(|pool| {
		UintAuthorityId::set_all_keys([1u64]);
		end_epoch(0);
		leave_summary(&summary(0, 1));
		let n = System::block_number();
		DagAnchor::offchain_worker(n);
		DagAnchor::offchain_worker(n);
		DagAnchor::offchain_worker(n + 1);
		assert_eq!(pool().len(), 1);
		DagAnchor::offchain_worker(n + u64::from(crate::RESUBMIT_AFTER));
		assert_eq!(pool().len(), 2, "the pool may have dropped it: sent again");
	});
}

#[test]
fn the_worker_skips_validators_that_proposed_on_chain() {
	new_offchain_ext(|pool| {
		UintAuthorityId::set_all_keys([1u64]);
		end_epoch(0);
		let s = summary(0, 1);
		assert!(submit(1, s.clone()).is_ok());
		leave_summary(&s);
		DagAnchor::offchain_worker(System::block_number());
		assert!(pool().is_empty());
	});
}

#[test]
fn the_worker_does_nothing_without_an_open_epoch_or_a_summary() {
	new_offchain_ext(|pool| {
		UintAuthorityId::set_all_keys([1u64]);
		leave_summary(&summary(0, 1));
		DagAnchor::offchain_worker(System::block_number());
		assert!(pool().is_empty(), "no epoch open");
		end_epoch(1);
		DagAnchor::offchain_worker(System::block_number());
		assert!(pool().is_empty(), "no summary for epoch 1");
		// A summary stored under epoch 1's key but for another epoch is not used.
		StorageValueRef::persistent(&features_summary_key(1)).set(&summary(0, 1));
		DagAnchor::offchain_worker(System::block_number());
		assert!(pool().is_empty());
		// Past the deadline nothing is sent.
		leave_summary(&summary(1, 1));
		DagAnchor::offchain_worker(System::block_number() + TIMEOUT + 1);
		assert!(pool().is_empty());
	});
}
