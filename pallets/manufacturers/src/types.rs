//! Types of the manufacturer registry.

use crate::Config;
use codec::{Decode, Encode, MaxEncodedLen};
use frame_support::{
	traits::fungible::Inspect, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use frame_system::pallet_prelude::BlockNumberFor;
use itc_primitives::device::ManufacturerStatus;
use scale_info::TypeInfo;

/// Balance of the currency that deposits are held in.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;
/// A manufacturer's display name.
pub type NameOf<T> = BoundedVec<u8, <T as Config>::MaxNameLength>;
/// A manufacturer's website URL or the IPFS CID of its company documents.
pub type UriOf<T> = BoundedVec<u8, <T as Config>::MaxUriLength>;

/// A manufacturer, as stored and as returned by the runtime API.
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct ManufacturerInfo<T: Config> {
	/// The account that applied and registers the devices.
	pub account: T::AccountId,
	/// Where the manufacturer stands with governance.
	pub status: ManufacturerStatus,
	/// Display name.
	pub name: NameOf<T>,
	/// ISO 3166-1 alpha-2 country code, upper case (`DE`, `CN`, `US`).
	pub country: [u8; 2],
	/// Website URL or document CID.
	pub uri: UriOf<T>,
	/// Its deposit on the pot, committed by `account` (its stake): back on retirement, less what
	/// governance slashed; zero once retired.
	pub deposit: BalanceOf<T>,
	/// How many devices it may register in total; set by governance.
	pub quota: u32,
	/// How many devices it has registered, ever (decommissioning does not give quota back:
	/// codes are never reused, so their records stay).
	pub registered: u32,
	/// The block of the application.
	pub applied_at: BlockNumberFor<T>,
}
