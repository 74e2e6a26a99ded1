//! Types of the token-vesting pallet.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::traits::fungible::Inspect;
use itc_primitives::Moment;
use scale_info::TypeInfo;

/// Balance type of the pallet's currency.
pub type BalanceOf<T> =
	<<T as crate::Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// One step of a vesting schedule: `amount` becomes transferable once `at` milliseconds of
/// wall-clock time have elapsed since the chain's genesis moment.
#[derive(
	Clone,
	Copy,
	Debug,
	Decode,
	DecodeWithMemTracking,
	Encode,
	Eq,
	MaxEncodedLen,
	PartialEq,
	TypeInfo,
)]
pub struct Milestone<Balance> {
	/// Milliseconds after the genesis moment at which `amount` unlocks.
	pub at: Moment,
	/// The amount that unlocks.
	pub amount: Balance,
}
