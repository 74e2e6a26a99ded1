//! Key disputes, judged by the runtime from the buyer's revealed secret.

use crate::{
	crypto::{judge, Verdict},
	*,
};
use frame_support::{
	ensure,
	traits::{fungible::Mutate, tokens::Preservation, Get},
};
use sp_runtime::{traits::Zero, DispatchResult};

impl<T: Config> Pallet<T> {
	/// `who`, the buyer of delivered purchase `id`, disputes it by revealing `secret`.
	pub(crate) fn do_dispute(
		who: &T::AccountId,
		id: PurchaseId,
		secret: BoxSecretKey,
	) -> DispatchResult {
		let (purchase, sealed_key, confirm_by) = Self::delivered_purchase_of(who, id)?;
		ensure!(Self::now() <= confirm_by, Error::<T>::ConfirmationWindowClosed);
		let listing = Listings::<T>::get(purchase.listing).ok_or(Error::<T>::UnknownListing)?;

		match judge(&purchase.buyer_key, &secret, &sealed_key, &listing.key_commitment) {
			Verdict::SecretMismatch => Err(Error::<T>::SecretMismatch.into()),
			Verdict::RightKey => Self::seller_wins(id, purchase),
			Verdict::WrongKey => Self::buyer_wins(id, purchase, listing, true),
			Verdict::Unopenable => Self::buyer_wins(id, purchase, listing, false),
		}
	}

	/// The key was right: the buyer pays the dispute fee to the seller; the purchase settles.
	fn seller_wins(id: PurchaseId, purchase: Purchase<T>) -> DispatchResult {
		let fee = T::DisputeFee::get() * purchase.amount;
		if !fee.is_zero() {
			let payee = Self::payee(&purchase.seller, fee);
			T::Currency::transfer(&purchase.buyer, &payee, fee, Preservation::Preserve)
				.map_err(|_| Error::<T>::InsufficientBalance)?;
			Self::note_redirect(&purchase.seller, &payee, fee);
		}
		Self::deposit_event(Event::DisputeWonBySeller { purchase: id, fee });
		Self::settle_purchase(id, purchase, false)
	}

	/// The key was wrong: the buyer is refunded and gets the listing's bond; the listing
	/// closes as forfeited.
	fn buyer_wins(
		id: PurchaseId,
		purchase: Purchase<T>,
		mut listing: Listing<T>,
		opened: bool,
	) -> DispatchResult {
		let refund = Self::release_escrow(&purchase)?;
		let bond = listing.bond;
		Self::pay_out(HoldReason::SellerBond, &purchase.buyer, bond)?;
		listing.bond = Zero::zero();
		Self::deposit_event(Event::DisputeWonByBuyer { purchase: id, opened, refund, bond });
		// A sold-out listing is marked too, so that no refund reopens it.
		if matches!(listing.status, ListingStatus::Open | ListingStatus::SoldOut) {
			listing.status = ListingStatus::Forfeited;
			Self::deposit_event(Event::ListingClosed {
				listing: purchase.listing,
				status: ListingStatus::Forfeited,
			});
		}
		Listings::<T>::insert(purchase.listing, listing);
		Self::end_purchase(id, &purchase)
	}
}
