//! Listing, updating, withdrawing and expiring data packages.

use crate::*;
use frame_support::{ensure, traits::Get};
use frame_system::pallet_prelude::BlockNumberFor;
use itc_primitives::device::DeviceRegistry;
use sp_runtime::{
	traits::{Saturating, Zero},
	DispatchError, DispatchResult,
};

impl<T: Config> Pallet<T> {
	/// Stores `listing` and its `package` (as given to [`Pallet::list`]) under a new id and
	/// commits its bond.
	pub(crate) fn do_list(listing: Listing<T>, package: PackageRoot) -> DispatchResult {
		let seller = &listing.seller;
		ensure!(
			T::Devices::owner(&listing.device).as_ref() == Some(seller),
			Error::<T>::NotDeviceOwner
		);
		ensure!(T::Devices::is_active(&listing.device), Error::<T>::DeviceUnavailable);
		Self::ensure_cid(&listing.cid)?;
		Self::ensure_cid(&listing.terms)?;
		ensure!(package.chunks > 0, Error::<T>::ZeroChunks);
		ensure!(!listing.price.is_zero(), Error::<T>::ZeroAmount);
		ensure!(listing.max_sales > 0, Error::<T>::ZeroMaximum);
		ensure!(listing.bond >= T::MinSellerBond::get(), Error::<T>::BondTooLow);
		Self::ensure_deadline(listing.expires_at, T::MaxListingLifetime::get())?;
		let id = NextListingId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::Overflow)?;
		Self::commit(HoldReason::SellerBond, seller, listing.bond)?;

		NextListingId::<T>::put(next);
		Self::schedule(listing.expires_at, Deadline::ListingExpiry(id));
		Self::deposit_event(Event::Listed {
			listing: id,
			seller: seller.clone(),
			device: listing.device,
			package,
			price: listing.price,
			bond: listing.bond,
		});
		Listings::<T>::insert(id, listing);
		Packages::<T>::insert(id, package);
		Ok(())
	}

	/// Sets the price, expiry and maximum sales of `who`'s open listing `id`.
	pub(crate) fn do_update_listing(
		who: &T::AccountId,
		id: ListingId,
		price: BalanceOf<T>,
		expires_at: BlockNumberFor<T>,
		max_sales: u32,
	) -> DispatchResult {
		let mut listing = Self::open_listing_of(who, id)?;
		ensure!(!price.is_zero(), Error::<T>::ZeroAmount);
		Self::ensure_deadline(expires_at, T::MaxListingLifetime::get())?;
		ensure!(max_sales > listing.sold, Error::<T>::MaxSalesBelowSold);

		if expires_at != listing.expires_at {
			// Moved, not added: each listing has one expiry entry at most.
			Self::unschedule(listing.expires_at, Deadline::ListingExpiry(id));
			Self::schedule(expires_at, Deadline::ListingExpiry(id));
		}
		listing.price = price;
		listing.expires_at = expires_at;
		listing.max_sales = max_sales;
		Listings::<T>::insert(id, listing);
		Self::deposit_event(Event::ListingUpdated { listing: id, price, expires_at, max_sales });
		Ok(())
	}

	/// Closes `who`'s open listing `id` as withdrawn.
	pub(crate) fn do_withdraw_listing(who: &T::AccountId, id: ListingId) -> DispatchResult {
		let listing = Self::open_listing_of(who, id)?;
		Self::unschedule(listing.expires_at, Deadline::ListingExpiry(id));
		Self::close_listing(id, listing, ListingStatus::Withdrawn)
	}

	/// Closes open listing `id` as expired, if its expiry has passed.
	pub(crate) fn do_expire_listing(id: ListingId) -> DispatchResult {
		let listing = Listings::<T>::get(id).ok_or(Error::<T>::UnknownListing)?;
		ensure!(listing.status == ListingStatus::Open, Error::<T>::ListingClosed);
		ensure!(Self::now() > listing.expires_at, Error::<T>::NotExpired);
		Self::close_listing(id, listing, ListingStatus::Expired)
	}

	/// Marks `listing` closed with `status`, and removes it if no purchase of it is open.
	pub(crate) fn close_listing(
		id: ListingId,
		mut listing: Listing<T>,
		status: ListingStatus,
	) -> DispatchResult {
		listing.status = status;
		Self::deposit_event(Event::ListingClosed { listing: id, status });
		Self::store_listing(id, listing)
	}

	/// Stores `listing`, unless it is closed with no open purchases: then it is removed and
	/// its bond returned.
	pub(crate) fn store_listing(id: ListingId, listing: Listing<T>) -> DispatchResult {
		if listing.status == ListingStatus::Open || listing.open_purchases > 0 {
			Listings::<T>::insert(id, listing);
			return Ok(());
		}
		Self::pay_out(HoldReason::SellerBond, &listing.seller, listing.bond)?;
		let bond_returned = listing.bond;
		Listings::<T>::remove(id);
		Packages::<T>::remove(id);
		Self::deposit_event(Event::ListingRemoved { listing: id, bond_returned });
		Ok(())
	}

	/// `who`'s listing `id`, if it is open.
	fn open_listing_of(who: &T::AccountId, id: ListingId) -> Result<Listing<T>, DispatchError> {
		let listing = Listings::<T>::get(id).ok_or(Error::<T>::UnknownListing)?;
		ensure!(listing.seller == *who, Error::<T>::NotSeller);
		ensure!(listing.status == ListingStatus::Open, Error::<T>::ListingClosed);
		Ok(listing)
	}

	/// A CID in text form: not empty, ASCII letters and digits only (bounded by its type).
	pub(crate) fn ensure_cid(cid: &CidOf<T>) -> DispatchResult {
		ensure!(!cid.is_empty() && cid.iter().all(u8::is_ascii_alphanumeric), Error::<T>::BadCid);
		Ok(())
	}

	/// `at` is after the current block and at most `lifetime` blocks ahead.
	pub(crate) fn ensure_deadline(
		at: BlockNumberFor<T>,
		lifetime: BlockNumberFor<T>,
	) -> DispatchResult {
		let now = Self::now();
		ensure!(at > now && at <= now.saturating_add(lifetime), Error::<T>::BadDeadline);
		Ok(())
	}

	/// The current block number.
	pub(crate) fn now() -> BlockNumberFor<T> {
		frame_system::Pallet::<T>::block_number()
	}
}
