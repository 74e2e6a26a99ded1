//! DAG anchors: what validators agree on for each epoch, how they sign it, and the Merkle
//! proofs light clients check against it.
//!
//! Each epoch the node cuts a batch of confirmed DAG transactions (`itc-dag`'s `batch`
//! module), stores the batch file in IPFS and hands the pallet's off-chain worker an
//! [`AnchorSummary`]: the Merkle root over the batch ([`merkle`]), how many transactions it
//! holds, the file's CID, the net change of every micro-account its transfers make, the
//! data records per device, and the sequence numbers each sender settles (so that no number
//! settles twice). A validator signs
//!
//! ```text
//! proposal = "itc/anchor/proposal/v1" ‖ genesis hash (32) ‖ epoch (u32 LE)
//!            ‖ BLAKE2b-256(SCALE(summary))
//! ```
//!
//! with its Aura key; the anchor takes effect once two thirds of the validators proposed the
//! same summary.

pub mod merkle;

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_core::ConstU32;
use sp_runtime::BoundedVec;
use sp_runtime::DispatchResult;

pub use merkle::{Hash32, MerkleProof};

/// Index of an anchor epoch: a fixed span of wall-clock time since the genesis moment.
pub type EpochIndex = u32;

/// Context of a validator's proposal.
pub const PROPOSAL_CONTEXT: &[u8] = b"itc/anchor/proposal/v1";
/// The longest CID of a batch file, in bytes (its text form).
pub const MAX_CID_LENGTH: u32 = 128;
/// The most micro-accounts one anchor's settlement changes.
pub const MAX_SETTLEMENT_ENTRIES: u32 = 512;
/// The most devices one anchor credits with data records.
pub const MAX_RECORD_DEVICES: u32 = 512;
/// The most transactions in one batch.
pub const MAX_BATCH_TRANSACTIONS: u32 = 65_536;
/// The most senders in one batch (each has its sequence numbers settled).
pub const MAX_BATCH_SENDERS: u32 = 1_024;

/// What a transaction of a batch did when the batch was anchored: applied, or void with the
/// reason. The reasons are decided at the cut against the reference block, identically on
/// every node, so that no node ever refuses a relayed transaction for them (docs/DAG.md).
#[derive(
	Clone,
	Copy,
	Debug,
	Eq,
	PartialEq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum Effect {
	/// Its payload took effect: a record counted, a transfer settled.
	#[codec(index = 0)]
	Applied = 0,
	/// A transfer that its sender's DAG funds held through the epoch's deadline (as the
	/// reference block has them), less its earlier transfers of the batch in sequence order,
	/// did not cover: anchored, but nothing moved.
	#[codec(index = 1)]
	Void = 1,
	/// A transfer whose recipient, at the reference block, was not a device or held no DAG
	/// funds through the epoch's deadline (a credit needs a micro-account that stays open until
	/// settlement).
	#[codec(index = 2)]
	VoidNoRecipient = 2,
	/// Its sender was not an active device of an approved manufacturer at the reference block:
	/// neither its transfer nor its record counts.
	#[codec(index = 3)]
	VoidInactiveSender = 3,
	/// Its sender used its sequence number for another transaction too: neither takes effect
	/// (the number is settled once, as void).
	#[codec(index = 4)]
	VoidConflict = 4,
}

impl Effect {
	/// Whether the payload took effect.
	pub fn is_applied(self) -> bool {
		self == Effect::Applied
	}

	/// The name clients see (`dag_proof`, docs/ANCHOR.md).
	pub fn name(self) -> &'static str {
		match self {
			Effect::Applied => "applied",
			Effect::Void => "void",
			Effect::VoidNoRecipient => "void-no-recipient",
			Effect::VoidInactiveSender => "void-inactive-sender",
			Effect::VoidConflict => "void-conflict",
		}
	}
}

/// The net change a batch makes to one micro-account, in plancks (received minus sent).
#[derive(
	Clone, Debug, Eq, PartialEq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
pub struct NetChange<AccountId> {
	/// The device account.
	pub account: AccountId,
	/// Plancks received minus plancks sent; never zero.
	pub delta: i128,
}

/// Data records a batch holds for one device (sender account).
#[derive(
	Clone, Debug, Eq, PartialEq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
pub struct RecordCount<AccountId> {
	/// The device account.
	pub account: AccountId,
	/// How many of the batch's data records it sent; never zero.
	pub records: u32,
}

/// The sequence numbers `first .. next` of one sender that a batch settles: a batch holds a
/// sender's transactions only in an unbroken run from the first number the chain has not
/// settled yet, so the chain keeps one watermark per sender and no number settles twice.
#[derive(
	Clone, Debug, Eq, PartialEq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
pub struct SeqRange<AccountId> {
	/// The sender (device account).
	pub account: AccountId,
	/// Its first number in the batch: the chain's watermark for it at the reference block.
	pub first: u64,
	/// One past its last number in the batch: the watermark after anchoring.
	pub next: u64,
}

/// What validators agree on for an epoch.
#[derive(
	Clone, Debug, Eq, PartialEq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
pub struct AnchorSummary<AccountId> {
	/// The epoch.
	pub epoch: EpochIndex,
	/// Merkle root over the batch's leaves, in batch order; zero for an empty batch.
	pub root: Hash32,
	/// Transactions in the batch.
	pub count: u32,
	/// The batch file's CID (text bytes); empty for an empty batch.
	pub cid: BoundedVec<u8, ConstU32<MAX_CID_LENGTH>>,
	/// Net micro-account changes, by account in ascending order; they sum to zero.
	pub settlement: BoundedVec<NetChange<AccountId>, ConstU32<MAX_SETTLEMENT_ENTRIES>>,
	/// Data records per device, by account in ascending order.
	pub records: BoundedVec<RecordCount<AccountId>, ConstU32<MAX_RECORD_DEVICES>>,
	/// The sequence numbers each sender settles, by account in ascending order.
	pub senders: BoundedVec<SeqRange<AccountId>, ConstU32<MAX_BATCH_SENDERS>>,
}

impl<AccountId> AnchorSummary<AccountId> {
	/// The summary of an epoch with nothing to anchor.
	pub fn empty(epoch: EpochIndex) -> Self {
		Self {
			epoch,
			root: [0; 32],
			count: 0,
			cid: Default::default(),
			settlement: Default::default(),
			records: Default::default(),
			senders: Default::default(),
		}
	}
}

/// Why a summary cannot be right, whatever the batch.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum Malformed {
	/// An empty batch with a root, CID, settlement or records, or a non-empty one without a
	/// CID.
	EmptyMismatch,
	/// More transactions than a batch may hold.
	TooManyTransactions,
	/// Settlement accounts out of order or repeated, or a zero change.
	BadSettlement,
	/// The settlement's changes do not sum to zero.
	Unbalanced,
	/// Record accounts out of order or repeated, a zero count, or more records than
	/// transactions.
	BadRecords,
	/// Sender accounts out of order or repeated, an empty range, or more numbers than
	/// transactions.
	BadSenders,
}

/// The hash validators sign and vote on.
pub fn summary_hash<AccountId: Encode>(summary: &AnchorSummary<AccountId>) -> Hash32 {
	sp_io::hashing::blake2_256(&summary.encode())
}

/// The bytes a validator signs to propose `summary_hash` for `epoch`.
pub fn proposal_payload<Hash: Encode>(
	genesis_hash: &Hash,
	epoch: EpochIndex,
	summary_hash: &Hash32,
) -> Vec<u8> {
	let mut payload = PROPOSAL_CONTEXT.to_vec();
	(genesis_hash, epoch, summary_hash).encode_to(&mut payload);
	payload
}

/// Checks what can be checked without the batch: shape, order, balance.
pub fn check_summary<AccountId: Ord>(summary: &AnchorSummary<AccountId>) -> Result<(), Malformed> {
	if summary.count == 0 {
		let empty = summary.root == [0; 32]
			&& summary.cid.is_empty()
			&& summary.settlement.is_empty()
			&& summary.records.is_empty()
			&& summary.senders.is_empty();
		return if empty { Ok(()) } else { Err(Malformed::EmptyMismatch) };
	}
	if summary.cid.is_empty() {
		return Err(Malformed::EmptyMismatch);
	}
	if summary.count > MAX_BATCH_TRANSACTIONS {
		return Err(Malformed::TooManyTransactions);
	}
	let ascending = summary.settlement.windows(2).all(|w| w[0].account < w[1].account);
	if !ascending || summary.settlement.iter().any(|c| c.delta == 0) {
		return Err(Malformed::BadSettlement);
	}
	let sum = summary.settlement.iter().try_fold(0i128, |sum, c| sum.checked_add(c.delta));
	if sum != Some(0) {
		return Err(Malformed::Unbalanced);
	}
	let ascending = summary.records.windows(2).all(|w| w[0].account < w[1].account);
	let total = summary.records.iter().try_fold(0u32, |sum, r| sum.checked_add(r.records));
	if !ascending
		|| summary.records.iter().any(|r| r.records == 0)
		|| total.is_none_or(|t| t > summary.count)
	{
		return Err(Malformed::BadRecords);
	}
	let ascending = summary.senders.windows(2).all(|w| w[0].account < w[1].account);
	let numbers = summary
		.senders
		.iter()
		.try_fold(0u64, |sum, r| r.next.checked_sub(r.first).and_then(|n| sum.checked_add(n)));
	if !ascending
		|| summary.senders.is_empty()
		|| summary.senders.iter().any(|r| r.next <= r.first)
		|| numbers.is_none_or(|n| n > u64::from(summary.count))
	{
		return Err(Malformed::BadSenders);
	}
	Ok(())
}

/// Where an anchor's settlement goes: the micro-accounts and the senders' sequence
/// watermarks (`pallet-dag-accounts`).
pub trait MicroSettlement<AccountId> {
	/// Applies `changes` (which sum to zero) all together: debits come out of what the
	/// accounts hold for DAG spending, credits go into it; and moves each sender's watermark
	/// from `first` to `next`. Fails if an account with a debit holds too little, an account
	/// with a credit is not a device's or cannot receive, or a range does not start at its
	/// sender's watermark (numbers settled already, or a gap); the caller runs it in a storage
	/// layer of its own, so a failure changes nothing.
	fn settle(changes: &[NetChange<AccountId>], senders: &[SeqRange<AccountId>]) -> DispatchResult;
}

/// No micro-accounts: only an empty settlement succeeds.
impl<AccountId> MicroSettlement<AccountId> for () {
	fn settle(changes: &[NetChange<AccountId>], senders: &[SeqRange<AccountId>]) -> DispatchResult {
		if changes.is_empty() && senders.is_empty() {
			Ok(())
		} else {
			Err(sp_runtime::DispatchError::Other("no micro-accounts"))
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn summary() -> AnchorSummary<u64> {
		AnchorSummary {
			epoch: 3,
			root: [7; 32],
			count: 5,
			cid: b"bafkreia".to_vec().try_into().unwrap(),
			settlement: vec![
				NetChange { account: 1, delta: -30 },
				NetChange { account: 2, delta: 10 },
				NetChange { account: 4, delta: 20 },
			]
			.try_into()
			.unwrap(),
			records: vec![RecordCount { account: 2, records: 2 }].try_into().unwrap(),
			senders: vec![
				SeqRange { account: 1, first: 0, next: 2 },
				SeqRange { account: 2, first: 7, next: 10 },
			]
			.try_into()
			.unwrap(),
		}
	}

	#[test]
	fn well_formed_summaries_pass() {
		assert_eq!(check_summary(&summary()), Ok(()));
		assert_eq!(check_summary(&AnchorSummary::<u64>::empty(9)), Ok(()));
	}

	#[test]
	fn malformed_summaries_are_named() {
		let mut s = AnchorSummary::<u64>::empty(1);
		s.root = [1; 32];
		assert_eq!(check_summary(&s), Err(Malformed::EmptyMismatch));
		let mut s = summary();
		s.cid = Default::default();
		assert_eq!(check_summary(&s), Err(Malformed::EmptyMismatch));
		let mut s = summary();
		s.count = MAX_BATCH_TRANSACTIONS + 1;
		assert_eq!(check_summary(&s), Err(Malformed::TooManyTransactions));
		let mut s = summary();
		s.settlement.as_mut().swap(0, 1);
		assert_eq!(check_summary(&s), Err(Malformed::BadSettlement));
		let mut s = summary();
		s.settlement[1].delta = 0;
		s.settlement[2].delta = 30;
		assert_eq!(check_summary(&s), Err(Malformed::BadSettlement));
		let mut s = summary();
		s.settlement[2].delta = 21;
		assert_eq!(check_summary(&s), Err(Malformed::Unbalanced));
		let mut s = summary();
		s.settlement[0].delta = i128::MIN;
		assert_eq!(check_summary(&s), Err(Malformed::Unbalanced));
		let mut s = summary();
		s.records[0].records = 6;
		assert_eq!(check_summary(&s), Err(Malformed::BadRecords));
		let mut s = summary();
		s.records[0].records = 0;
		assert_eq!(check_summary(&s), Err(Malformed::BadRecords));
		let mut s = summary();
		s.senders.as_mut().swap(0, 1);
		assert_eq!(check_summary(&s), Err(Malformed::BadSenders));
		let mut s = summary();
		s.senders[0].next = 0;
		assert_eq!(check_summary(&s), Err(Malformed::BadSenders));
		let mut s = summary();
		s.senders[1].next = 11; // 6 numbers in a batch of 5
		assert_eq!(check_summary(&s), Err(Malformed::BadSenders));
		let mut s = summary();
		s.senders[1].first = u64::MAX;
		s.senders[1].next = 0;
		assert_eq!(check_summary(&s), Err(Malformed::BadSenders));
		let mut s = summary();
		s.senders = Default::default();
		assert_eq!(check_summary(&s), Err(Malformed::BadSenders));
		let mut s = AnchorSummary::<u64>::empty(1);
		s.senders = vec![SeqRange { account: 1, first: 0, next: 1 }].try_into().unwrap();
		assert_eq!(check_summary(&s), Err(Malformed::EmptyMismatch));
	}

	#[test]
	fn the_proposal_has_the_documented_bytes() {
		let payload = proposal_payload(&[0x11u8; 32], 258, &[0x22; 32]);
		let mut expected = b"itc/anchor/proposal/v1".to_vec();
		expected.extend([0x11; 32]);
		expected.extend(258u32.to_le_bytes());
		expected.extend([0x22; 32]);
		assert_eq!(payload, expected);
	}
}
