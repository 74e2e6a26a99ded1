//! The Merkle tree over a DAG batch, and inclusion proofs small enough for a light device.
//!
//! ```text
//! leaf  = BLAKE2b-256("itc/dag/leaf/v1" ‖ tx id (32) ‖ effect (1))
//! node  = BLAKE2b-256("itc/dag/node/v1" ‖ left (32) ‖ right (32))
//! root  = the single node left after pairing level by level; the last node of a level with
//!         an odd count moves up unchanged (it is not paired with itself, so no two different
//!         leaf lists share a root); the root of no leaves is 32 zero bytes
//! ```
//!
//! The context strings keep a leaf from ever being read as a node (a second-preimage defence).
//! A proof is the leaf's index, the number of leaves and the siblings from the bottom up; the
//! index and the count tell at each level whether the node has a sibling and on which side,
//! so no direction bits are sent. A batch of up to 2³² leaves needs at most 32 siblings.

use super::Effect;
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode};
use scale_info::TypeInfo;

/// A 32-byte hash.
pub type Hash32 = [u8; 32];

/// Context of a leaf hash.
pub const LEAF_CONTEXT: &[u8] = b"itc/dag/leaf/v1";
/// Context of an inner node hash.
pub const NODE_CONTEXT: &[u8] = b"itc/dag/node/v1";
/// The most siblings a proof can need.
pub const MAX_PROOF_DEPTH: usize = 32;

/// The leaf of transaction `id` with `effect`.
pub fn leaf_hash(id: &Hash32, effect: Effect) -> Hash32 {
	let mut input = [0u8; 15 + 32 + 1];
	input[..15].copy_from_slice(LEAF_CONTEXT);
	input[15..47].copy_from_slice(id);
	input[47] = effect as u8;
	sp_io::hashing::blake2_256(&input)
}

/// The parent of two nodes.
pub fn node_hash(left: &Hash32, right: &Hash32) -> Hash32 {
	let mut input = [0u8; 15 + 64];
	input[..15].copy_from_slice(NODE_CONTEXT);
	input[15..47].copy_from_slice(left);
	input[47..].copy_from_slice(right);
	sp_io::hashing::blake2_256(&input)
}

/// One level up: pairs nodes left to right; an odd last node moves up unchanged.
fn parent_level(level: &[Hash32]) -> Vec<Hash32> {
	level
		.chunks(2)
		.map(|pair| match pair {
			[left, right] => node_hash(left, right),
			[single] => *single,
			_ => unreachable!("chunks(2) yields one or two items; qed"),
		})
		.collect()
}

/// The root over `leaves` (in batch order).
pub fn merkle_root(leaves: &[Hash32]) -> Hash32 {
	if leaves.is_empty() {
		return [0; 32];
	}
	let mut level = leaves.to_vec();
	while level.len() > 1 {
		level = parent_level(&level);
	}
	level[0]
}

/// An inclusion proof: where the leaf is and the hashes that lead from it to the root.
#[derive(Clone, Debug, Eq, PartialEq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct MerkleProof {
	/// The leaf's position in the batch, from 0.
	pub index: u32,
	/// How many leaves the batch has.
	pub leaf_count: u32,
	/// Sibling hashes, from the leaf's level up (levels where the node has none are skipped).
	pub siblings: Vec<Hash32>,
}

/// The proof for the leaf at `index`; `None` if there is no such leaf.
pub fn merkle_proof(leaves: &[Hash32], index: usize) -> Option<MerkleProof> {
	if index >= leaves.len() || leaves.len() > u32::MAX as usize {
		return None;
	}
	let mut siblings = Vec::new();
	let mut level = leaves.to_vec();
	let mut position = index;
	while level.len() > 1 {
		let sibling = position ^ 1;
		if let Some(hash) = level.get(sibling) {
			siblings.push(*hash);
		}
		level = parent_level(&level);
		position /= 2;
	}
	Some(MerkleProof { index: index as u32, leaf_count: leaves.len() as u32, siblings })
}

/// The root that `proof` leads to from `leaf`; `None` if the proof is malformed (index out of
/// range, too few or too many siblings).
pub fn root_from_proof(leaf: &Hash32, proof: &MerkleProof) -> Option<Hash32> {
	if proof.index >= proof.leaf_count || proof.siblings.len() > MAX_PROOF_DEPTH {
		return None;
	}
	let (mut hash, mut position, mut count) = (*leaf, proof.index, proof.leaf_count);
	let mut siblings = proof.siblings.iter();
	while count > 1 {
		let is_right = position % 2 == 1;
		if is_right {
			hash = node_hash(siblings.next()?, &hash);
		} else if position + 1 < count {
			hash = node_hash(&hash, siblings.next()?);
		}
		// else: the odd last node moves up unchanged.
		position /= 2;
		count = count.div_ceil(2);
	}
	siblings.next().is_none().then_some(hash)
}

/// Whether `proof` shows that `leaf` is in the tree of `root`. The tree's leaf count is not
/// bound by the root alone: check `proof.leaf_count` against the anchor's count as well.
pub fn verify_proof(root: &Hash32, leaf: &Hash32, proof: &MerkleProof) -> bool {
	root_from_proof(leaf, proof).as_ref() == Some(root)
}

#[cfg(test)]
mod tests {
	use super::*;

	fn leaves(n: usize) -> Vec<Hash32> {
		(0..n).map(|i| leaf_hash(&[i as u8; 32], Effect::Applied)).collect()
	}

	#[test]
	fn every_leaf_of_every_size_proves_against_the_root() {
		for n in 1..=33 {
			let leaves = leaves(n);
			let root = merkle_root(&leaves);
			for (i, leaf) in leaves.iter().enumerate() {
				let proof = merkle_proof(&leaves, i).unwrap();
				assert!(proof.siblings.len() <= (n as f64).log2().ceil() as usize);
				assert!(verify_proof(&root, leaf, &proof), "n = {n}, i = {i}");
			}
		}
	}

	#[test]
	fn small_trees_have_the_documented_shape() {
		let l = leaves(3);
		assert_eq!(merkle_root(&[]), [0; 32]);
		assert_eq!(merkle_root(&l[..1]), l[0]);
		assert_eq!(merkle_root(&l[..2]), node_hash(&l[0], &l[1]));
		// The odd third leaf moves up unchanged.
		assert_eq!(merkle_root(&l), node_hash(&node_hash(&l[0], &l[1]), &l[2]));
		// A duplicated last leaf gives another root (no Bitcoin-style duplication).
		assert_ne!(merkle_root(&l), merkle_root(&[l[0], l[1], l[2], l[2]]));
	}

	#[test]
	fn bad_proofs_fail() {
		let leaves = leaves(7);
		let root = merkle_root(&leaves);
		let proof = merkle_proof(&leaves, 5).unwrap();
		assert!(verify_proof(&root, &leaves[5], &proof));
		// Another leaf, or the same id with the other effect.
		assert!(!verify_proof(&root, &leaves[4], &proof));
		assert!(!verify_proof(&root, &leaf_hash(&[5; 32], Effect::Void), &proof));
		// Another index or count.
		assert!(!verify_proof(&root, &leaves[5], &MerkleProof { index: 4, ..proof.clone() }));
		assert!(!verify_proof(&root, &leaves[5], &MerkleProof { leaf_count: 6, ..proof.clone() }));
		// Some counts give the same path (here 8): the anchor's count must be checked too,
		// which `pallet-dag-anchor` does.
		assert!(verify_proof(&root, &leaves[5], &MerkleProof { leaf_count: 8, ..proof.clone() }));
		assert!(!verify_proof(&root, &leaves[5], &MerkleProof { index: 7, ..proof.clone() }));
		// A tampered, missing or extra sibling.
		let mut tampered = proof.clone();
		tampered.siblings[1][0] ^= 1;
		assert!(!verify_proof(&root, &leaves[5], &tampered));
		let mut short = proof.clone();
		short.siblings.pop();
		assert!(!verify_proof(&root, &leaves[5], &short));
		let mut long = proof.clone();
		long.siblings.push([0; 32]);
		assert!(!verify_proof(&root, &leaves[5], &long));
		let mut deep = proof;
		deep.siblings = vec![[0; 32]; MAX_PROOF_DEPTH + 1];
		assert_eq!(root_from_proof(&leaves[5], &deep), None);
		// No proof for a leaf that is not there.
		assert_eq!(merkle_proof(&leaves, 7), None);
	}
}
