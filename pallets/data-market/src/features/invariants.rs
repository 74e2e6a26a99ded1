//! Invariants checked by `try_state` and after every unit test.

use crate::*;
use alloc::collections::btree_map::BTreeMap;
use frame_support::{ensure, traits::fungible::InspectHold};
use sp_runtime::{traits::Saturating, TryRuntimeError};

impl<T: Config> Pallet<T> {
	/// Check every invariant of the pallet.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let mut escrow = BTreeMap::<T::AccountId, BalanceOf<T>>::new();
		let mut bonds = BTreeMap::<T::AccountId, BalanceOf<T>>::new();
		let mut bounty_escrow = BTreeMap::<T::AccountId, BalanceOf<T>>::new();
		let mut open_per_listing = BTreeMap::<ListingId, u32>::new();

		let next = NextPurchaseId::<T>::get();
		for (id, purchase) in Purchases::<T>::iter() {
			ensure!(id < next, "purchase id not below NextPurchaseId");
			let listing =
				Listings::<T>::get(purchase.listing).ok_or("purchase of a missing listing")?;
			ensure!(listing.seller == purchase.seller, "purchase seller is not the listing's");
			add(&mut escrow, purchase.buyer, purchase.amount);
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
			ensure!(
				listing.status != ListingStatus::Open || listing.sold < listing.max_sales,
				"sold-out listing still open"
			);
			add(&mut bonds, listing.seller, listing.bond);
		}

		let next = NextBountyId::<T>::get();
		for (id, bounty) in Bounties::<T>::iter() {
			ensure!(id < next, "bounty id not below NextBountyId");
			ensure!(bounty.accepted < bounty.max_accepted, "filled bounty still stored");
			add(&mut bounty_escrow, bounty.buyer.clone(), Self::bounty_escrow(&bounty));
		}

		Self::try_state_held(HoldReason::Escrow, escrow)?;
		Self::try_state_held(HoldReason::SellerBond, bonds)?;
		Self::try_state_held(HoldReason::BountyEscrow, bounty_escrow)
	}

	/// Each account has exactly `expected` on hold for `reason`.
	fn try_state_held(
		reason: HoldReason,
		expected: BTreeMap<T::AccountId, BalanceOf<T>>,
	) -> Result<(), TryRuntimeError> {
		for (who, amount) in expected {
			let held = T::Currency::balance_on_hold(&reason.into(), &who);
			ensure!(held == amount, "amount on hold differs from the records");
		}
		Ok(())
	}
}

fn add<K: Ord, B: Saturating + Default + Copy>(map: &mut BTreeMap<K, B>, key: K, amount: B) {
	let entry = map.entry(key).or_default();
	*entry = entry.saturating_add(amount);
}
