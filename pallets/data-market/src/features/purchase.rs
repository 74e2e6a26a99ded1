//! Purchases: payment into escrow, key delivery, confirmation, settlement and refund.

use crate::*;
use frame_support::{ensure, traits::Get};
use itc_primitives::device::DeviceRegistry;
use sp_runtime::{
	traits::{Saturating, Zero},
	DispatchError, DispatchResult,
};

impl<T: Config> Pallet<T> {
	/// `buyer` buys listing `id` for at most `max_price`.
	pub(crate) fn do_buy(
		buyer: T::AccountId,
		id: ListingId,
		max_price: BalanceOf<T>,
		buyer_key: BoxPublicKey,
	) -> DispatchResult {
		ensure!(!crypto::is_weak_public_key(&buyer_key), Error::<T>::WeakBuyerKey);
		let listing = Self::buyable_listing(id, &buyer)?;
		ensure!(listing.price <= max_price, Error::<T>::PriceAboveMax);
		let amount = listing.price;
		Self::commit(HoldReason::Escrow, &buyer, amount)?;
		Self::open_purchase(id, listing, buyer, amount, buyer_key, None)?;
		Ok(())
	}

	/// Listing `id`, if `buyer` can buy it now.
	pub(crate) fn buyable_listing(
		id: ListingId,
		buyer: &T::AccountId,
	) -> Result<Listing<T>, DispatchError> {
		let listing = Listings::<T>::get(id).ok_or(Error::<T>::UnknownListing)?;
		ensure!(listing.status == ListingStatus::Open, Error::<T>::ListingClosed);
		ensure!(Self::now() <= listing.expires_at, Error::<T>::ListingExpired);
		ensure!(listing.seller != *buyer, Error::<T>::BuyerIsSeller);
		ensure!(
			T::Devices::is_active(&listing.device)
				&& T::Devices::owner(&listing.device).as_ref() == Some(&listing.seller),
			Error::<T>::DeviceUnavailable
		);
		Ok(listing)
	}

	/// Records a purchase of `listing` whose `amount` is already held on the pot as escrow;
	/// returns its id.
	pub(crate) fn open_purchase(
		listing_id: ListingId,
		mut listing: Listing<T>,
		buyer: T::AccountId,
		amount: BalanceOf<T>,
		buyer_key: BoxPublicKey,
		bounty: Option<BountyId>,
	) -> Result<PurchaseId, DispatchError> {
		let id = NextPurchaseId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::Overflow)?;
		listing.sold = listing.sold.checked_add(1).ok_or(Error::<T>::Overflow)?;
		listing.open_purchases =
			listing.open_purchases.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let deliver_by = Self::now().saturating_add(T::DeliveryPeriod::get());
		let purchase = Purchase {
			listing: listing_id,
			seller: listing.seller.clone(),
			buyer: buyer.clone(),
			amount,
			buyer_key,
			bounty,
			state: PurchaseState::AwaitingDelivery { deliver_by },
		};

		NextPurchaseId::<T>::put(next);
		Purchases::<T>::insert(id, purchase);
		Self::schedule(deliver_by, Deadline::Delivery(id));
		Self::deposit_event(Event::Purchased {
			purchase: id,
			listing: listing_id,
			buyer,
			amount,
			buyer_key,
			deliver_by,
		});
		if listing.sold >= listing.max_sales {
			Self::close_listing(listing_id, listing, ListingStatus::SoldOut)?;
		} else {
			Listings::<T>::insert(listing_id, listing);
		}
		Ok(id)
	}

	/// `who`, the seller, delivers the sealed key of purchase `id`.
	pub(crate) fn do_deliver(
		who: &T::AccountId,
		id: PurchaseId,
		sealed_key: SealedKey,
	) -> DispatchResult {
		let mut purchase = Purchases::<T>::get(id).ok_or(Error::<T>::UnknownPurchase)?;
		ensure!(purchase.seller == *who, Error::<T>::NotSeller);
		let PurchaseState::AwaitingDelivery { deliver_by } = purchase.state else {
			return Err(Error::<T>::AlreadyDelivered.into());
		};
		let now = Self::now();
		ensure!(now <= deliver_by, Error::<T>::DeliveryWindowClosed);

		let confirm_by = now.saturating_add(T::ConfirmationPeriod::get());
		purchase.state = PurchaseState::Delivered { sealed_key, confirm_by };
		Purchases::<T>::insert(id, purchase);
		Self::schedule(confirm_by, Deadline::Confirmation(id));
		Self::deposit_event(Event::KeyDelivered { purchase: id, sealed_key, confirm_by });
		Ok(())
	}

	/// `who`, the buyer, confirms delivered purchase `id`.
	pub(crate) fn do_confirm(who: &T::AccountId, id: PurchaseId) -> DispatchResult {
		let purchase = Self::delivered_purchase_of(who, id)?.0;
		Self::settle_purchase(id, purchase, true)
	}

	/// Settles delivered purchase `id` whose confirmation window elapsed.
	pub(crate) fn do_settle_elapsed(id: PurchaseId) -> DispatchResult {
		let purchase = Purchases::<T>::get(id).ok_or(Error::<T>::UnknownPurchase)?;
		let PurchaseState::Delivered { confirm_by, .. } = purchase.state else {
			return Err(Error::<T>::NotDelivered.into());
		};
		ensure!(Self::now() > confirm_by, Error::<T>::ConfirmationWindowOpen);
		Self::settle_purchase(id, purchase, false)
	}

	/// Refunds purchase `id` whose delivery window elapsed without delivery.
	pub(crate) fn do_refund(id: PurchaseId) -> DispatchResult {
		let purchase = Purchases::<T>::get(id).ok_or(Error::<T>::UnknownPurchase)?;
		let PurchaseState::AwaitingDelivery { deliver_by } = purchase.state else {
			return Err(Error::<T>::AlreadyDelivered.into());
		};
		ensure!(Self::now() > deliver_by, Error::<T>::DeliveryWindowOpen);

		let amount = Self::release_escrow(&purchase)?;
		Self::deposit_event(Event::Refunded {
			purchase: id,
			buyer: purchase.buyer.clone(),
			amount,
		});
		Self::end_refunded_purchase(id, &purchase)
	}

	/// Ends purchase `id`, refunded because its key was never delivered: the sale goes back to
	/// the listing, which sells again if it was sold out, has not expired and still has its
	/// bond. Otherwise buyers who never meant to pay, or a seller's missed deliveries, would use
	/// up a listing's sales for good. A listing a dispute forfeited stays closed.
	pub(crate) fn end_refunded_purchase(id: PurchaseId, purchase: &Purchase<T>) -> DispatchResult {
		Purchases::<T>::remove(id);
		let mut listing = Listings::<T>::get(purchase.listing).ok_or(Error::<T>::UnknownListing)?;
		listing.open_purchases = listing.open_purchases.saturating_sub(1);
		listing.sold = listing.sold.saturating_sub(1);
		let reopen = listing.status == ListingStatus::SoldOut
			&& Self::now() <= listing.expires_at
			&& listing.bond >= T::MinSellerBond::get()
			&& !listing.bond.is_zero();
		if reopen {
			listing.status = ListingStatus::Open;
			Self::deposit_event(Event::ListingReopened { listing: purchase.listing });
		}
		Self::store_listing(purchase.listing, listing)
	}

	/// `who`'s delivered purchase `id` and its sealed key and confirmation deadline.
	pub(crate) fn delivered_purchase_of(
		who: &T::AccountId,
		id: PurchaseId,
	) -> Result<
		(Purchase<T>, SealedKey, frame_system::pallet_prelude::BlockNumberFor<T>),
		DispatchError,
	> {
		let purchase = Purchases::<T>::get(id).ok_or(Error::<T>::UnknownPurchase)?;
		ensure!(purchase.buyer == *who, Error::<T>::NotBuyer);
		let PurchaseState::Delivered { sealed_key, confirm_by } = purchase.state else {
			return Err(Error::<T>::NotDelivered.into());
		};
		Ok((purchase, sealed_key, confirm_by))
	}

	/// Pays the seller of purchase `id` from escrow, minus the market fee, and ends it.
	pub(crate) fn settle_purchase(
		id: PurchaseId,
		purchase: Purchase<T>,
		confirmed: bool,
	) -> DispatchResult {
		let fee = T::MarketFee::get() * purchase.amount;
		let paid = purchase.amount.saturating_sub(fee);
		Self::pay_out(HoldReason::Escrow, &T::FeeDestination::get(), fee)?;
		Self::pay_out(HoldReason::Escrow, &purchase.seller, paid)?;
		Self::note_fee(purchase.listing, fee);
		Self::deposit_event(Event::Settled {
			purchase: id,
			seller: purchase.seller.clone(),
			paid,
			fee,
			confirmed,
		});
		Self::end_purchase(id, &purchase)
	}

	/// Returns `purchase`'s escrow to the buyer (see [`Self::pay_out`] for a buyer that no
	/// longer exists).
	pub(crate) fn release_escrow(purchase: &Purchase<T>) -> Result<BalanceOf<T>, DispatchError> {
		Self::pay_out(HoldReason::Escrow, &purchase.buyer, purchase.amount)?;
		Ok(purchase.amount)
	}

	/// Removes purchase `id` and counts it out of its listing (which may then be removed).
	pub(crate) fn end_purchase(id: PurchaseId, purchase: &Purchase<T>) -> DispatchResult {
		Purchases::<T>::remove(id);
		let mut listing = Listings::<T>::get(purchase.listing).ok_or(Error::<T>::UnknownListing)?;
		listing.open_purchases = listing.open_purchases.saturating_sub(1);
		Self::store_listing(purchase.listing, listing)
	}
}
