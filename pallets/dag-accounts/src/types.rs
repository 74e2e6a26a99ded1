//! Types of the DAG micro-accounts pallet.

use crate::Config;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	traits::fungible::Inspect, BoundedVec, CloneNoBound, DebugNoBound, DefaultNoBound, EqNoBound,
	PartialEqNoBound,
};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;

/// Balance of the pallet's currency.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// A micro-account as stored.
pub type MicroAccountOf<T> =
	MicroAccount<BalanceOf<T>, BlockNumberFor<T>, <T as Config>::MaxUnlocking>;

/// Funds unlocking: `amount` can be withdrawn from block `at` on.
#[derive(
	Clone, Eq, PartialEq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Unlocking<Balance, BlockNumber> {
	/// The amount.
	pub amount: Balance,
	/// The first block it can be withdrawn in.
	pub at: BlockNumber,
}

/// A device account's funds for DAG spending. All of it is held on the account.
#[derive(
	Encode,
	Decode,
	MaxEncodedLen,
	TypeInfo,
	DefaultNoBound,
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
)]
#[scale_info(skip_type_params(MaxUnlocking))]
pub struct MicroAccount<
	Balance: Default + core::fmt::Debug + Clone + PartialEq + Eq,
	BlockNumber: core::fmt::Debug + Clone + PartialEq + Eq,
	MaxUnlocking: frame_support::traits::Get<u32>,
> {
	/// What DAG transfers may spend.
	pub locked: Balance,
	/// What was asked back and waits for its delay.
	pub unlocking: BoundedVec<Unlocking<Balance, BlockNumber>, MaxUnlocking>,
}

/// What a node needs to know about a DAG sender.
#[derive(Clone, Eq, PartialEq, Encode, Decode, TypeInfo, Debug)]
pub struct SenderState<Balance> {
	/// What new DAG transfers may spend (a node admits a transfer against this).
	pub locked: Balance,
	/// What was asked back and still waits for its delay: still held, so it still settles
	/// the transfers accepted before the unlock (the cut counts what stays held through the
	/// epoch's deadline: `DagAccountsApi::held_through`).
	pub unlocking: Balance,
	/// Whether it is an active device of an approved manufacturer.
	pub active: bool,
}
