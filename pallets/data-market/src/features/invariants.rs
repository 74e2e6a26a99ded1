//! Invariants checked by `try_state` and after every unit test.

use crate::*;
use alloc::collections::{btree_map::BTreeMap, btree_set::BTreeSet};
use frame_support::{
	ensure,
	traits::{
		fungible::{Inspect, InspectHold},
		Get,
	},
};
use sp_runtime::{
	traits::{Saturating, Zero},
	TryRuntimeError,
};

impl<T: Config> Pallet<T> {
	/// Check every invariant of the pallet.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let mut escrow = BalanceOf::<T>::zero();
		let mut bonds = BalanceOf::<T>::zero();
		let mut bounty_escrow = BalanceOf::<T>::zero();
		let mut open_per_listing = BTreeMap::<ListingId, u32>::new();

		let next = NextPurchaseId::<T>::get();
		for (id, purchase) in Purchases::<T>::iter() {
			ensure!(id < next, "purchase id not below NextPurchaseId");
			let listing =
				Listings::<T>::get(purchase.listing).ok_or("purchase of a missing listing")?;
			ensure!(listing.seller == purchase.seller, "purchase seller is not the listing's");
			escrow.saturating_accrue(purchase.amount);
			*open_per_listing.entry(purchase.listing).or_default() += 1;
		}

		let next = NextListingId::<T>::get();
		for (id, listing) in Listings::<T>::iter() {
			ensure!(id < next, "listing id not below NextListingId");
			let open = open_per_listing.get(&id).copied().unwrap_or_default();
			ensure!(listing.open_purchases == open, "open purchase count differs");
			ensure!(
				listing.status == ListingStatus::Open || open > 0,
				"closed listing with no open purchase still stored"
			);
			ensure!(listing.sold <= listing.max_sales, "listing sold more than its maximum");
			ensure!(listing.open_purchases <= listing.sold, "more open purchases than sales");
			ensure!(
				listing.status != ListingStatus::Forfeited || listing.bond.is_zero(),
				"a forfeited listing still has a bond"
			);
			ensure!(
				listing.status != ListingStatus::Open || listing.bond >= T::MinSellerBond::get(),
				"an open listing lacks its bond"
			);
			ensure!(
				listing.status != ListingStatus::Open || listing.sold < listing.max_sales,
				"sold-out listing still open"
			);
			bonds.saturating_accrue(listing.bond);
		}

		for (id, package) in Packages::<T>::iter() {
			ensure!(Listings::<T>::contains_key(id), "package of a removed listing");
			ensure!(package.chunks > 0, "package of no chunks");
		}

		let next = NextBountyId::<T>::get();
		for (id, bounty) in Bounties::<T>::iter() {
			ensure!(id < next, "bounty id not below NextBountyId");
			ensure!(bounty.accepted < bounty.max_accepted, "filled bounty still stored");
			Self::try_state_answers(&bounty)?;
			bounty_escrow.saturating_accrue(Self::bounty_escrow(&bounty));
		}

		Self::try_state_held(HoldReason::Escrow, escrow)?;
		Self::try_state_held(HoldReason::SellerBond, bonds)?;
		Self::try_state_held(HoldReason::BountyEscrow, bounty_escrow)?;
		ensure!(
			T::Currency::balance(&Self::pot()) >= T::Currency::minimum_balance()
				|| T::Currency::total_balance_on_hold(&Self::pot()).is_zero(),
			"the pot holds money but lacks the existential deposit"
		);
		Ok(())
	}

	/// A bounty's answers are of distinct listings and devices, none of them rejected, and no
	/// device is rejected twice.
	fn try_state_answers(bounty: &Bounty<T>) -> Result<(), TryRuntimeError> {
		let mut listings = BTreeSet::new();
		let mut devices = BTreeSet::new();
		for answer in &bounty.answers {
			ensure!(listings.insert(answer.listing), "a listing answers a bounty twice");
			ensure!(devices.insert(answer.device), "a device answers a bounty twice");
		}
		let mut rejected = BTreeSet::new();
		for device in &bounty.rejected {
			ensure!(rejected.insert(*device), "a device rejected twice");
			ensure!(!devices.contains(device), "a rejected device answers");
		}
		Ok(())
	}

	/// The pot has exactly `expected` on hold for `reason`.
	fn try_state_held(reason: HoldReason, expected: BalanceOf<T>) -> Result<(), TryRuntimeError> {
		let held = T::Currency::balance_on_hold(&reason.into(), &Self::pot());
		ensure!(held == expected, "amount on hold on the pot differs from the records");
		Ok(())
	}
}
