//! The records this pallet stores and the pages its runtime API returns.

use crate::{
	crypto::{
		package::{MAX_PROOF_DEPTH, MAX_SEALED_CHUNK},
		SEALED_KEY_LEN,
	},
	Config,
};
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	traits::{fungible::Inspect, ConstU32},
	BoundedVec,
};
use frame_system::pallet_prelude::BlockNumberFor;
use itc_primitives::device::DeviceCode;
use scale_info::TypeInfo;

/// Listing ids, sequential from 0 and never reused.
pub use itc_primitives::market::ListingId;
/// Purchase ids, sequential from 0 and never reused.
pub type PurchaseId = u64;
/// Bounty ids, sequential from 0 and never reused.
pub type BountyId = u32;

/// A balance of the market's currency.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;
/// An IPFS CID in its text form (`bafy…`, `Qm…`).
pub type CidOf<T> = BoundedVec<u8, <T as Config>::MaxCidLength>;
/// An X25519 public key, to which the seller seals the content key.
pub type BoxPublicKey = [u8; 32];
/// An X25519 secret key, revealed by a buyer who disputes.
pub type BoxSecretKey = [u8; 32];
/// A content key sealed with libsodium's `crypto_box_seal`.
pub type SealedKey = [u8; SEALED_KEY_LEN];

/// What a listing commits to about its encrypted package, beside the content key: the Merkle
/// root of its sealed chunks and how many there are (`crypto::package`). A buyer checks both
/// against the package before paying; a dispute proves a chunk against them.
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
pub struct PackageRoot {
	/// The Merkle root of the package's sealed chunks.
	pub root: [u8; 32],
	/// How many chunks the package has, at least 1.
	pub chunks: u32,
}

/// A sealed chunk of the package, its index and its Merkle path: what a buyer shows when the
/// committed key does not open it.
#[derive(
	Clone, Debug, Eq, PartialEq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
pub struct ChunkEvidence {
	/// The chunk's index in the package.
	pub index: u32,
	/// The sealed chunk, as in the package (the 16-byte tag, then at most 4,096 bytes): at most
	/// 4,112 bytes.
	pub sealed: BoundedVec<u8, ConstU32<{ MAX_SEALED_CHUNK as u32 }>>,
	/// The Merkle path from the chunk's leaf up to the root: ⌈log₂ chunks⌉ siblings.
	pub path: BoundedVec<[u8; 32], ConstU32<{ MAX_PROOF_DEPTH as u32 }>>,
}

/// Why the runtime found for the buyer.
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
pub enum DisputeReason {
	/// The sealed key does not open with the buyer's key.
	Unopenable,
	/// It opens to a key that is not the committed one.
	WrongKey,
	/// The committed key does not open the package's chunk of this index.
	ChunkDoesNotOpen(u32),
}

/// Whether a listing still sells, and if not, why.
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
pub enum ListingStatus {
	/// It can be bought until its expiry.
	Open,
	/// The seller withdrew it.
	Withdrawn,
	/// Its expiry passed.
	Expired,
	/// It made its maximum number of sales.
	SoldOut,
	/// The seller lost a key dispute: its bond went to the buyer.
	Forfeited,
}

/// An encrypted data package for sale.
///
/// A closed listing stays stored while purchases of it are open (they refer to it) and is
/// removed, its bond returned, when the last one ends.
#[derive(Clone, Debug, Eq, PartialEq, Encode, Decode, TypeInfo, MaxEncodedLen)]
#[scale_info(skip_type_params(T))]
pub struct Listing<T: Config> {
	/// The device owner who listed it.
	pub seller: T::AccountId,
	/// The device whose data it is.
	pub device: DeviceCode,
	/// CID of the encrypted package in IPFS.
	pub cid: CidOf<T>,
	/// `BLAKE2b-256(content key)`: what the runtime checks a disputed key against.
	pub key_commitment: [u8; 32],
	/// What one purchase costs.
	pub price: BalanceOf<T>,
	/// CID of the licence terms.
	pub terms: CidOf<T>,
	/// The last block in which it can be bought.
	pub expires_at: BlockNumberFor<T>,
	/// The most purchases it accepts.
	pub max_sales: u32,
	/// Purchases made so far, less those refunded because the key was never delivered.
	pub sold: u32,
	/// Purchases not yet settled or refunded.
	pub open_purchases: u32,
	/// The seller's bond, held until the listing is removed; lost to a buyer who proves a
	/// wrong key.
	pub bond: BalanceOf<T>,
	/// Whether it still sells.
	pub status: ListingStatus,
}

/// Where a purchase stands.
#[derive(
	Clone, Debug, Eq, PartialEq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
pub enum PurchaseState<BlockNumber> {
	/// Paid; the seller has until `deliver_by` (inclusive) to deliver the key.
	AwaitingDelivery {
		/// The last block in which the seller can deliver.
		deliver_by: BlockNumber,
	},
	/// The sealed key is delivered; the buyer has until `confirm_by` (inclusive) to confirm
	/// or dispute, after which the seller is paid.
	Delivered {
		/// The content key sealed to the purchase's public key.
		sealed_key: SealedKey,
		/// The last block in which the buyer can confirm or dispute.
		confirm_by: BlockNumber,
	},
}

/// A purchase: the buyer's payment in escrow until settled or refunded.
#[derive(Clone, Debug, Eq, PartialEq, Encode, Decode, TypeInfo, MaxEncodedLen)]
#[scale_info(skip_type_params(T))]
pub struct Purchase<T: Config> {
	/// What was bought.
	pub listing: ListingId,
	/// The seller at the time of purchase.
	pub seller: T::AccountId,
	/// The buyer, whose payment is on hold.
	pub buyer: T::AccountId,
	/// The payment on hold.
	pub amount: BalanceOf<T>,
	/// The buyer's X25519 public key for this purchase.
	pub buyer_key: BoxPublicKey,
	/// The bounty this purchase answers, if any.
	pub bounty: Option<BountyId>,
	/// Where it stands.
	pub state: PurchaseState<BlockNumberFor<T>>,
}

/// A data request with a reward per accepted answer.
#[derive(Clone, Debug, Eq, PartialEq, Encode, Decode, TypeInfo, MaxEncodedLen)]
#[scale_info(skip_type_params(T))]
pub struct Bounty<T: Config> {
	/// Who asks and pays.
	pub buyer: T::AccountId,
	/// CID of the request: what data, in what form.
	pub request: CidOf<T>,
	/// What each accepted answer is paid.
	pub reward: BalanceOf<T>,
	/// The most answers the buyer will accept.
	pub max_accepted: u32,
	/// Answers accepted so far.
	pub accepted: u32,
	/// The last block in which answers can be given and accepted.
	pub deadline: BlockNumberFor<T>,
	/// Listings offered as answers, in the order given: one per device.
	pub answers: BoundedVec<Answer, <T as Config>::MaxAnswers>,
	/// Devices whose answers the buyer rejected: they cannot answer again.
	pub rejected: BoundedVec<DeviceCode, <T as Config>::MaxAnswers>,
}

/// An answer to a bounty: a listing, and the device whose data it sells.
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
pub struct Answer {
	/// The listing offered.
	pub listing: ListingId,
	/// Its device.
	pub device: DeviceCode,
}

/// A deadline the pallet acts on by itself when its block comes.
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
pub enum Deadline {
	/// Refund the purchase if the key was not delivered.
	Delivery(PurchaseId),
	/// Pay the seller if the buyer neither confirmed nor disputed.
	Confirmation(PurchaseId),
	/// Close the listing for sale.
	ListingExpiry(ListingId),
	/// Close the bounty and refund what was not accepted.
	BountyDeadline(BountyId),
}

/// One page of a runtime API listing.
#[derive(Clone, Debug, Eq, PartialEq, Encode, Decode, TypeInfo)]
pub struct Page<Id, Item> {
	/// The entries found, in storage order.
	pub items: Vec<(Id, Item)>,
	/// Where the next page starts (pass it as `start_after`); `None` at the end.
	pub next: Option<Id>,
}
