//! What other pallets and contracts (through the chain extension) read about the data market.

use crate::device::DeviceCode;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// Identifier of a data listing.
pub type ListingId = u32;

/// The public facts of a data listing: who sells which device's data, at what price, and
/// whether it can be bought now. The package CID and key commitment are left out: a contract
/// has no use for them and they would make the answer unbounded.
#[derive(
	Clone, Debug, Eq, PartialEq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
pub struct ListingInfo<AccountId, Balance, BlockNumber> {
	/// The device owner who listed it.
	pub seller: AccountId,
	/// The device whose data it is.
	pub device: DeviceCode,
	/// What one purchase costs.
	pub price: Balance,
	/// The last block in which it can be bought.
	pub expires_at: BlockNumber,
	/// The most purchases it accepts.
	pub max_sales: u32,
	/// Purchases made so far, less those refunded because the key was never delivered.
	pub sold: u32,
	/// Whether it can be bought now: open, not expired, not sold out.
	pub open: bool,
}

/// Read access to the data market's listings.
pub trait DataListings<AccountId, Balance, BlockNumber> {
	/// The listing `id`; `None` if there is none (never made, or removed after closing).
	fn listing(id: ListingId) -> Option<ListingInfo<AccountId, Balance, BlockNumber>>;

	/// Stores an open listing of `device` by `seller`, for benchmarks of pallets that read
	/// listings. Returns its id.
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_listing(seller: &AccountId, device: DeviceCode) -> ListingId;
}

/// No market at all.
impl<AccountId, Balance, BlockNumber> DataListings<AccountId, Balance, BlockNumber> for () {
	fn listing(_: ListingId) -> Option<ListingInfo<AccountId, Balance, BlockNumber>> {
		None
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_listing(_: &AccountId, _: DeviceCode) -> ListingId {
		0
	}
}
