//! What the runtime API reads: pages of open listings and bounties.

use crate::*;
use alloc::vec::Vec;
use frame_support::storage::IterableStorageMap;

/// The most entries one page returns.
pub const MAX_PAGE: u32 = 256;
/// The most stored entries one page looks at (closed ones are skipped), so a call's work is
/// bounded however many closed listings wait for their purchases to end.
pub const MAX_SCAN: u32 = 4 * MAX_PAGE;

impl<T: Config> Pallet<T> {
	/// Up to `limit` listings that can be bought now, after `start_after`.
	pub fn open_listings(
		start_after: Option<ListingId>,
		limit: u32,
	) -> Page<ListingId, Listing<T>> {
		let now = Self::now();
		page::<Listings<T>, _, _>(start_after, limit, |l| {
			l.status == ListingStatus::Open && now <= l.expires_at
		})
	}

	/// Up to `limit` bounties that take answers now, after `start_after`.
	pub fn open_bounties(start_after: Option<BountyId>, limit: u32) -> Page<BountyId, Bounty<T>> {
		let now = Self::now();
		page::<Bounties<T>, _, _>(start_after, limit, |b| now <= b.deadline)
	}
}

/// A page of map `M`'s entries that pass `keep`, in storage order, starting after key
/// `start_after`.
fn page<M, K, V>(start_after: Option<K>, limit: u32, keep: impl Fn(&V) -> bool) -> Page<K, V>
where
	M: IterableStorageMap<K, V> + frame_support::storage::StorageMap<K, V>,
	K: codec::FullCodec + Clone,
	V: codec::FullCodec,
{
	let limit = limit.clamp(1, MAX_PAGE) as usize;
	let mut entries = match start_after {
		Some(key) => M::iter_from(M::hashed_key_for(key)),
		None => M::iter(),
	};
	let mut items = Vec::new();
	let mut last = None;
	for _ in 0..MAX_SCAN {
		if items.len() >= limit {
			break;
		}
		let Some((key, value)) = entries.next() else { return Page { items, next: None } };
		last = Some(key.clone());
		if keep(&value) {
			items.push((key, value));
		}
	}
	let next = if entries.next().is_some() { last } else { None };
	Page { items, next }
}
