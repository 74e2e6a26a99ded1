//! Types of the DAG anchor pallet.

use crate::Config;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{traits::ConstU32, BoundedVec};
use frame_system::pallet_prelude::BlockNumberFor;
use itc_primitives::{
	anchor::{AnchorSummary, EpochIndex, Hash32, MAX_CID_LENGTH},
	Moment,
};
use scale_info::TypeInfo;

/// A summary as proposed on this chain.
pub type AnchorSummaryOf<T> = AnchorSummary<<T as frame_system::Config>::AccountId>;
/// The open epoch as stored.
pub type EpochWindowOf<T> = EpochWindow<BlockNumberFor<T>>;
/// An anchor as stored.
pub type AnchorOf<T> = Anchor<BlockNumberFor<T>>;
/// A validator's signature.
pub type SignatureOf<T> = <<T as Config>::AuthorityId as sp_runtime::RuntimeAppPublic>::Signature;

/// The epoch validators are proposing for.
#[derive(
	Clone, Debug, Eq, PartialEq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
pub struct EpochWindow<BlockNumber> {
	/// The epoch.
	pub epoch: EpochIndex,
	/// The block at whose state nodes read the micro-accounts to settle the batch: the block
	/// that opened the epoch.
	pub reference: BlockNumber,
	/// The last block in which a proposal counts; after it the epoch times out.
	pub deadline: BlockNumber,
	/// Unix time (ms) the epoch ended: the batch holds transactions stamped before it.
	pub end_ms: Moment,
}

/// An epoch's anchor: what two thirds of the validators agreed on.
#[derive(
	Clone, Debug, Eq, PartialEq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
pub struct Anchor<BlockNumber> {
	/// Merkle root over the batch's leaves.
	pub root: Hash32,
	/// Transactions in the batch.
	pub count: u32,
	/// The batch file's CID.
	pub cid: BoundedVec<u8, ConstU32<MAX_CID_LENGTH>>,
	/// The hash of the agreed summary.
	pub summary_hash: Hash32,
	/// The block in which it took effect.
	pub at: BlockNumber,
}

/// A proposed summary and how many validators proposed it.
#[derive(
	Clone, Debug, Eq, PartialEq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
pub struct Tally<Summary> {
	/// The summary.
	pub summary: Summary,
	/// Validators who proposed it.
	pub votes: u32,
}

/// Records of a device anchored per era, for its last two eras with any: the tally edge
/// mining reads ([`itc_primitives::mining::EraTally`]; the encoding of the pair of pairs this
/// pallet stored before it was shared).
pub type AnchoredRecords = itc_primitives::mining::EraTally<u64>;

/// What a node needs to cut and settle the open epoch's batch, and to check anchors.
#[derive(Clone, Debug, Eq, PartialEq, Encode, Decode, TypeInfo)]
pub struct AnchorStatus<BlockNumber> {
	/// The epoch open for proposals, if any.
	pub open: Option<EpochWindow<BlockNumber>>,
	/// The latest epoch anchored, if any.
	pub last_anchored: Option<EpochIndex>,
	/// The first epoch not resolved yet.
	pub next_epoch: EpochIndex,
	/// Epoch length in ms.
	pub epoch_length_ms: Moment,
	/// Validators now, and how many proposals an anchor needs.
	pub validators: u32,
	/// Proposals needed for an anchor: two thirds of the validators, rounded up.
	pub threshold: u32,
}
