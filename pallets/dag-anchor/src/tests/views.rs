//! Inclusion proofs against anchors, the status and the evidence.

use crate::mock::*;
use itc_primitives::anchor::{
	merkle::{leaf_hash, merkle_proof, merkle_root},
	Effect,
};
use sp_runtime::testing::UintAuthorityId;

/// Anchors epoch 0 with a batch of `ids`, the last one void; returns the leaves.
fn anchor_batch(ids: &[[u8; 32]]) -> Vec<[u8; 32]> {
	let leaves: Vec<_> = ids
		.iter()
		.enumerate()
		.map(|(i, id)| {
			leaf_hash(id, if i + 1 == ids.len() { Effect::Void } else { Effect::Applied })
		})
		.collect();
	Validators::set(vec![UintAuthorityId(1)]);
	end_epoch(0);
	let mut s = summary(0, 0);
	s.root = merkle_root(&leaves);
	s.count = ids.len() as u32;
	assert!(submit(1, s).is_ok());
	leaves
}

#[test]
fn verify_inclusion_works_for_every_transaction_of_an_anchor() {
	new_test_ext(|| {
		let ids: Vec<[u8; 32]> = (0..5u8).map(|i| [i; 32]).collect();
		let leaves = anchor_batch(&ids);
		for (i, id) in ids.iter().enumerate() {
			let effect = if i == 4 { Effect::Void } else { Effect::Applied };
			let proof = merkle_proof(&leaves, i).unwrap();
			assert!(DagAnchor::verify_inclusion(0, *id, effect, proof));
		}
	});
}

#[test]
fn verify_inclusion_fails_for_bad_proofs() {
	new_test_ext(|| {
		let ids: Vec<[u8; 32]> = (0..5u8).map(|i| [i; 32]).collect();
		let leaves = anchor_batch(&ids);
		let proof = merkle_proof(&leaves, 1).unwrap();
		// The other effect, another transaction, another epoch.
		assert!(!DagAnchor::verify_inclusion(0, ids[1], Effect::Void, proof.clone()));
		assert!(!DagAnchor::verify_inclusion(0, [9; 32], Effect::Applied, proof.clone()));
		assert!(!DagAnchor::verify_inclusion(1, ids[1], Effect::Applied, proof.clone()));
		// A proof from a larger tree whose root happens to be checked: the count must match.
		let mut bigger = leaves.clone();
		bigger.push(leaf_hash(&[7; 32], Effect::Applied));
		let foreign = merkle_proof(&bigger, 1).unwrap();
		assert!(!DagAnchor::verify_inclusion(0, ids[1], Effect::Applied, foreign));
		let mut tampered = proof;
		tampered.siblings[0][3] ^= 0x80;
		assert!(!DagAnchor::verify_inclusion(0, ids[1], Effect::Applied, tampered));
	});
}

#[test]
fn the_status_shows_the_open_epoch_and_the_threshold() {
	new_test_ext(|| {
		let status = DagAnchor::status();
		assert_eq!((status.open, status.last_anchored, status.next_epoch), (None, None, 0));
		assert_eq!((status.validators, status.threshold, status.epoch_length_ms), (4, 3, EPOCH_MS));
		end_epoch(0);
		assert_eq!(DagAnchor::status().open.map(|w| w.epoch), Some(0));
	});
}
