//! Runtime API of the DAG anchor pallet: what the node's anchor service and light clients
//! read.

use crate::{Anchor, AnchorStatus};
use codec::Codec;
use itc_primitives::anchor::{merkle::MerkleProof, Effect, EpochIndex, Hash32};

sp_api::decl_runtime_apis! {
	/// DAG anchors and inclusion proofs.
	pub trait DagAnchorApi<BlockNumber>
	where
		BlockNumber: Codec,
	{
		/// The open epoch, the latest anchor, the validator threshold.
		fn status() -> AnchorStatus<BlockNumber>;
		/// The anchor of `epoch`, if it was anchored.
		fn anchor(epoch: EpochIndex) -> Option<Anchor<BlockNumber>>;
		/// Whether `proof` shows DAG transaction `id` in `epoch`'s anchored batch with
		/// `effect`. Call it at a finalized block for a final answer.
		fn verify_inclusion(epoch: EpochIndex, id: Hash32, effect: Effect, proof: MerkleProof) -> bool;
	}
}
