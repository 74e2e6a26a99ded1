//! Key disputes, judged by the runtime from the buyer's revealed secret.

use crate::{
	crypto::{judge, judge_chunk, CommittedPackage, ShownChunk, Verdict},
	*,
};
use frame_support::{
	ensure,
	traits::{fungible::Mutate, tokens::Preservation, Get},
};
use sp_runtime::{traits::Zero, DispatchResult};

impl<T: Config> Pallet<T> {
	/// `who`, the buyer of delivered purchase `id`, disputes it by revealing `secret`, and
	/// showing a chunk of the package if `evidence` is given.
	pub(crate) fn do_dispute(
		who: &T::AccountId,
		id: PurchaseId,
		secret: BoxSecretKey,
		evidence: Option<ChunkEvidence>,
	) -> DispatchResult {
		let (purchase, sealed_key, confirm_by) = Self::delivered_purchase_of(who, id)?;
		ensure!(Self::now() <= confirm_by, Error::<T>::ConfirmationWindowClosed);
		let listing = Listings::<T>::get(purchase.listing).ok_or(Error::<T>::UnknownListing)?;

		let verdict = match evidence {
			None => judge(&purchase.buyer_key, &secret, &sealed_key, &listing.key_commitment),
			Some(evidence) => {
				let package = Packages::<T>::get(purchase.listing).ok_or(Error::<T>::NoPackage)?;
				let committed = CommittedPackage {
					key_commitment: &listing.key_commitment,
					root: &package.root,
					chunks: package.chunks,
				};
				let shown = ShownChunk {
					index: evidence.index,
					sealed: &evidence.sealed,
					path: &evidence.path,
				};
				judge_chunk(&purchase.buyer_key, &secret, &sealed_key, committed, shown)
			},
		};
		let reason = match verdict {
			Verdict::SecretMismatch => return Err(Error::<T>::SecretMismatch.into()),
			Verdict::BadEvidence => return Err(Error::<T>::BadEvidence.into()),
			Verdict::RightKey => return Self::seller_wins(id, purchase),
			Verdict::WrongKey => DisputeReason::WrongKey,
			Verdict::Unopenable => DisputeReason::Unopenable,
			Verdict::ChunkDoesNotOpen(index) => DisputeReason::ChunkDoesNotOpen(index),
		};
		Self::buyer_wins(id, purchase, listing, reason)
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
		reason: DisputeReason,
	) -> DispatchResult {
		let refund = Self::release_escrow(&purchase)?;
		let bond = listing.bond;
		Self::pay_out(HoldReason::SellerBond, &purchase.buyer, bond)?;
		listing.bond = Zero::zero();
		Self::deposit_event(Event::DisputeWonByBuyer { purchase: id, reason, refund, bond });
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
