//! Runtime API of the data-market pallet.

use crate::{BountyId, ListingId, Page};
use codec::Codec;

sp_api::decl_runtime_apis! {
	/// Pages of what is for sale and what is asked for. `Listing` and `Bounty` are the
	/// pallet's [`crate::Listing`] and [`crate::Bounty`] of the runtime.
	///
	/// A page holds at most [`crate::views::MAX_PAGE`] entries and looks at most
	/// [`crate::views::MAX_SCAN`] stored ones, in storage (hash) order; pass its `next` as
	/// `start_after` to continue. A page may come back short, or even empty, with a `next`.
	pub trait DataMarketApi<Listing, Bounty>
	where
		Listing: Codec,
		Bounty: Codec,
	{
		/// Listings that can be bought now.
		fn open_listings(start_after: Option<ListingId>, limit: u32) -> Page<ListingId, Listing>;
		/// Bounties that take answers now.
		fn open_bounties(start_after: Option<BountyId>, limit: u32) -> Page<BountyId, Bounty>;
	}
}
