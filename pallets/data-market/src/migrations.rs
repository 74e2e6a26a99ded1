//! Storage migrations.

/// Version 1 to 2: every escrow, bond and bounty reward moves from a hold on the committing
/// account to a hold, for the same reason, on the pot, as far as the payer's freezes allow; a
/// commitment its payer's freezes still need is given up instead (a purchase refunded, a
/// listing closed without a bond, a bounty closed). A bounty's answers record their devices
/// (one answer per device), and it gets an empty list of rejected devices.
pub mod v2 {
	use crate::*;
	use frame_support::{
		migrations::VersionedMigration,
		storage::with_storage_layer,
		traits::{
			fungible::MutateHold,
			tokens::{Fortitude, Precision, Restriction},
			Get, UncheckedOnRuntimeUpgrade,
		},
		weights::Weight,
	};
	use sp_runtime::traits::Zero;
	#[cfg(feature = "try-runtime")]
	use sp_runtime::TryRuntimeError;

	/// A bounty as version 1 stored it.
	#[derive(codec::Encode, codec::Decode)]
	pub struct OldBounty<T: Config> {
		/// Who asks and pays.
		pub buyer: T::AccountId,
		/// CID of the request.
		pub request: CidOf<T>,
		/// What each accepted answer is paid.
		pub reward: BalanceOf<T>,
		/// The most answers the buyer will accept.
		pub max_accepted: u32,
		/// Answers accepted so far.
		pub accepted: u32,
		/// The last block in which answers can be given and accepted.
		pub deadline: frame_system::pallet_prelude::BlockNumberFor<T>,
		/// Listings offered as answers.
		pub answers: frame_support::BoundedVec<ListingId, T::MaxAnswers>,
	}

	/// The version 2 bounty: answers of listings that are gone are dropped, and of several
	/// answers of one device (version 1 allowed them) only the first is kept.
	fn translate<T: Config>(old: OldBounty<T>) -> Bounty<T> {
		let mut devices = alloc::collections::btree_set::BTreeSet::new();
		let answers = old
			.answers
			.iter()
			.filter_map(|listing| {
				Listings::<T>::get(listing).map(|l| Answer { listing: *listing, device: l.device })
			})
			.filter(|answer| devices.insert(answer.device));
		Bounty {
			buyer: old.buyer,
			request: old.request,
			reward: old.reward,
			max_accepted: old.max_accepted,
			accepted: old.accepted,
			deadline: old.deadline,
			answers: frame_support::BoundedVec::truncate_from(answers.collect()),
			rejected: Default::default(),
		}
	}

	/// Moves `amount` held for `reason` on `from` into the same hold on the pot, honouring
	/// `from`'s freezes: money a freeze still needs is not moved, and `unwind` gives the
	/// commitment up instead (the money is released to `from`). Returns whether it moved.
	fn move_or_unwind<T: Config>(
		reason: HoldReason,
		from: &T::AccountId,
		amount: BalanceOf<T>,
		unwind: impl FnOnce() -> sp_runtime::DispatchResult,
	) -> bool {
		let moved = with_storage_layer(|| {
			T::Currency::transfer_on_hold(
				&reason.into(),
				from,
				&Pallet::<T>::pot(),
				amount,
				Precision::Exact,
				Restriction::OnHold,
				Fortitude::Polite,
			)
		});
		if moved.is_ok() {
			return true;
		}
		let released = with_storage_layer(|| {
			T::Currency::release(&reason.into(), from, amount, Precision::BestEffort)?;
			unwind()
		});
		if let Err(error) = released {
			log::error!(target: LOG_TARGET, "v2: {reason:?} of {from:?} not unwound: {error:?}");
		}
		false
	}

	/// A listing whose bond stayed with its seller: it closes, with no bond.
	fn unwind_bond<T: Config>(
		id: ListingId,
		mut listing: Listing<T>,
	) -> sp_runtime::DispatchResult {
		listing.bond = Zero::zero();
		if listing.status == ListingStatus::Open {
			Pallet::<T>::close_listing(id, listing, ListingStatus::Withdrawn)
		} else {
			Pallet::<T>::store_listing(id, listing)
		}
	}

	/// A purchase whose escrow stayed with its buyer: it is refunded. One whose key was
	/// delivered keeps its sale (the buyer has the key), so its listing does not reopen.
	fn unwind_purchase<T: Config>(
		id: PurchaseId,
		purchase: &Purchase<T>,
	) -> sp_runtime::DispatchResult {
		Pallet::<T>::deposit_event(Event::Refunded {
			purchase: id,
			buyer: purchase.buyer.clone(),
			amount: purchase.amount,
		});
		match purchase.state {
			PurchaseState::AwaitingDelivery { .. } => {
				Pallet::<T>::end_refunded_purchase(id, purchase)
			},
			PurchaseState::Delivered { .. } => Pallet::<T>::end_purchase(id, purchase),
		}
	}

	/// A bounty whose escrow stayed with its buyer: it closes.
	fn unwind_bounty<T: Config>(id: BountyId, bounty: &Bounty<T>) -> sp_runtime::DispatchResult {
		Bounties::<T>::remove(id);
		let refunded = Pallet::<T>::bounty_escrow(bounty);
		Pallet::<T>::deposit_event(Event::BountyClosed { bounty: id, refunded });
		Ok(())
	}

	/// The migration, run once: from storage version 1 to 2.
	pub type MoveHoldsToPot<T> =
		VersionedMigration<1, 2, Unversioned<T>, Pallet<T>, <T as frame_system::Config>::DbWeight>;

	/// [`MoveHoldsToPot`] without the version check.
	pub struct Unversioned<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for Unversioned<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut bounties = 0u64;
			Bounties::<T>::translate::<OldBounty<T>, _>(|_, old| {
				bounties += 1;
				Some(translate::<T>(old))
			});
			// The fee destination (the community fund) gives the pot its existential deposit.
			// Should it fail, every move below fails and every commitment is unwound.
			if let Err(error) = Pallet::<T>::ensure_pot(&T::FeeDestination::get()) {
				log::error!(target: LOG_TARGET, "v2: the pot got no deposit: {error:?}");
			}
			let (mut moved, mut unwound) = (0u64, 0u64);
			let mut count = |done: bool| if done { moved += 1 } else { unwound += 1 };
			// Bonds first: a purchase unwound below may remove its listing and pay its bond
			// out of the pot.
			for (id, listing) in Listings::<T>::iter().collect::<alloc::vec::Vec<_>>() {
				count(move_or_unwind::<T>(
					HoldReason::SellerBond,
					&listing.seller,
					listing.bond,
					|| unwind_bond::<T>(id, listing.clone()),
				));
			}
			for (id, purchase) in Purchases::<T>::iter().collect::<alloc::vec::Vec<_>>() {
				count(move_or_unwind::<T>(
					HoldReason::Escrow,
					&purchase.buyer,
					purchase.amount,
					|| unwind_purchase::<T>(id, &purchase),
				));
			}
			for (id, bounty) in Bounties::<T>::iter().collect::<alloc::vec::Vec<_>>() {
				let escrow = Pallet::<T>::bounty_escrow(&bounty);
				count(move_or_unwind::<T>(HoldReason::BountyEscrow, &bounty.buyer, escrow, || {
					unwind_bounty::<T>(id, &bounty)
				}));
			}
			log::info!(
				target: LOG_TARGET,
				"v2: {bounties} bounties translated; {moved} holds moved to the pot, {unwound} unwound"
			);
			// Per record: its read, the payer's account and holds read and written, the pot's
			// written, and an unwind's listing; per bounty, its translation and a listing read
			// per answer.
			let records = moved.saturating_add(unwound);
			let answers = bounties.saturating_mul(T::MaxAnswers::get().into());
			T::DbWeight::get().reads_writes(
				records
					.saturating_mul(6)
					.saturating_add(bounties)
					.saturating_add(answers)
					.saturating_add(2),
				records.saturating_mul(5).saturating_add(bounties).saturating_add(2),
			)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, TryRuntimeError> {
			Ok(alloc::vec::Vec::new())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(_state: alloc::vec::Vec<u8>) -> Result<(), TryRuntimeError> {
			Pallet::<T>::do_try_state()
		}
	}
}
