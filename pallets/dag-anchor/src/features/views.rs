//! What nodes and light clients read: the status, and inclusion proofs against anchors.

use crate::*;
use frame_support::traits::Get;
use itc_primitives::anchor::{
	merkle::{leaf_hash, verify_proof, MerkleProof},
	Effect, EpochIndex, Hash32,
};

impl<T: Config> Pallet<T> {
	/// The open epoch, the latest anchor and the validator threshold.
	pub fn status() -> AnchorStatus<frame_system::pallet_prelude::BlockNumberFor<T>> {
		let validators = T::Validators::get().len() as u32;
		AnchorStatus {
			open: OpenEpoch::<T>::get(),
			last_anchored: LastAnchored::<T>::get(),
			next_epoch: NextEpoch::<T>::get(),
			epoch_length_ms: EpochLength::<T>::get(),
			validators,
			threshold: Self::threshold(validators),
		}
	}

	/// Whether `proof` shows that DAG transaction `id` is in `epoch`'s anchored batch with
	/// `effect`. The proof's leaf count must be the anchor's.
	pub fn verify_inclusion(
		epoch: EpochIndex,
		id: Hash32,
		effect: Effect,
		proof: MerkleProof,
	) -> bool {
		Anchors::<T>::get(epoch).is_some_and(|anchor| {
			proof.leaf_count == anchor.count
				&& verify_proof(&anchor.root, &leaf_hash(&id, effect), &proof)
		})
	}
}
