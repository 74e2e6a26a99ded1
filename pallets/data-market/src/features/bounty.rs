//! Data bounties: requests with a reward per accepted answer.

use crate::*;
use frame_support::{ensure, traits::Get};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{
	traits::{CheckedMul, Saturating, Zero},
	DispatchError, DispatchResult,
};

impl<T: Config> Pallet<T> {
	/// `buyer` posts a bounty and commits all its rewards.
	pub(crate) fn do_post_bounty(
		buyer: T::AccountId,
		request: CidOf<T>,
		reward: BalanceOf<T>,
		max_accepted: u32,
		deadline: BlockNumberFor<T>,
	) -> DispatchResult {
		Self::ensure_cid(&request)?;
		ensure!(!reward.is_zero(), Error::<T>::ZeroAmount);
		ensure!(max_accepted > 0, Error::<T>::ZeroMaximum);
		Self::ensure_deadline(deadline, T::MaxBountyLifetime::get())?;
		let escrow = reward.checked_mul(&max_accepted.into()).ok_or(Error::<T>::Overflow)?;
		let id = NextBountyId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::Overflow)?;
		Self::commit(HoldReason::BountyEscrow, &buyer, escrow)?;

		NextBountyId::<T>::put(next);
		Self::schedule(deadline, Deadline::BountyDeadline(id));
		Self::deposit_event(Event::BountyPosted {
			bounty: id,
			buyer: buyer.clone(),
			reward,
			max_accepted,
			deadline,
		});
		Bounties::<T>::insert(
			id,
			Bounty {
				buyer,
				request,
				reward,
				max_accepted,
				accepted: 0,
				deadline,
				answers: Default::default(),
				rejected: Default::default(),
			},
		);
		Ok(())
	}

	/// `who` answers bounty `id` with their listing `listing_id`, which the bounty's buyer
	/// must be able to buy now. One answer per device; an answer whose listing can no longer
	/// be bought gives its place up to new ones.
	pub(crate) fn do_answer_bounty(
		who: &T::AccountId,
		id: BountyId,
		listing_id: ListingId,
	) -> DispatchResult {
		let mut bounty = Self::live_bounty(id)?;
		let listing = Listings::<T>::get(listing_id).ok_or(Error::<T>::UnknownListing)?;
		ensure!(listing.seller == *who, Error::<T>::NotSeller);
		let listing = Self::buyable_listing(listing_id, &bounty.buyer)?;
		let device = listing.device;
		ensure!(!bounty.rejected.contains(&device), Error::<T>::DeviceRejected);
		// An earlier answer of this listing or device that died (the buyer can no longer buy
		// it) is replaced; a live one stands.
		let buyer = bounty.buyer.clone();
		bounty
			.answers
			.retain(|a| (a.listing != listing_id && a.device != device) || !Self::dead(a, &buyer));
		ensure!(
			!bounty.answers.iter().any(|a| a.listing == listing_id || a.device == device),
			Error::<T>::AlreadyAnswered
		);
		if bounty.answers.is_full() {
			bounty.answers.retain(|a| !Self::dead(a, &buyer));
		}
		let answer = Answer { listing: listing_id, device };
		bounty.answers.try_push(answer).map_err(|_| Error::<T>::TooManyAnswers)?;

		Bounties::<T>::insert(id, bounty);
		Self::deposit_event(Event::BountyAnswered { bounty: id, listing: listing_id });
		Ok(())
	}

	/// `buyer` accepts listing `listing_id`'s answer to their bounty `id`.
	pub(crate) fn do_accept_answer(
		buyer: T::AccountId,
		id: BountyId,
		listing_id: ListingId,
		buyer_key: BoxPublicKey,
	) -> DispatchResult {
		ensure!(!crypto::is_weak_public_key(&buyer_key), Error::<T>::WeakBuyerKey);
		let mut bounty = Self::live_bounty(id)?;
		ensure!(bounty.buyer == buyer, Error::<T>::NotBountyOwner);
		let at = bounty.answers.iter().position(|a| a.listing == listing_id);
		let at = at.ok_or(Error::<T>::NotAnAnswer)?;
		let listing = Self::buyable_listing(listing_id, &buyer)?;
		// On the pot already: move the reward from one hold to the other.
		Self::rehold(HoldReason::BountyEscrow, HoldReason::Escrow, bounty.reward)?;
		bounty.answers.remove(at);
		bounty.accepted = bounty.accepted.saturating_add(1);

		let purchase =
			Self::open_purchase(listing_id, listing, buyer, bounty.reward, buyer_key, Some(id))?;
		Self::deposit_event(Event::AnswerAccepted { bounty: id, listing: listing_id, purchase });
		if bounty.accepted >= bounty.max_accepted {
			Self::end_bounty(id, &bounty)
		} else {
			Bounties::<T>::insert(id, bounty);
			Ok(())
		}
	}

	/// `who`, the buyer of bounty `id`, rejects the answer `listing_id`: it is removed and its
	/// device cannot answer this bounty again, until `MaxAnswers` later rejections push it out
	/// of the bounded list (so that no number of answers can jam a bounty).
	pub(crate) fn do_reject_answer(
		who: &T::AccountId,
		id: BountyId,
		listing_id: ListingId,
	) -> DispatchResult {
		let mut bounty = Self::live_bounty(id)?;
		ensure!(bounty.buyer == *who, Error::<T>::NotBountyOwner);
		let at = bounty.answers.iter().position(|a| a.listing == listing_id);
		let answer = bounty.answers.remove(at.ok_or(Error::<T>::NotAnAnswer)?);
		if bounty.rejected.is_full() {
			bounty.rejected.remove(0);
		}
		// Room was made above (a bound of zero keeps nothing).
		let _ = bounty.rejected.try_push(answer.device);
		Bounties::<T>::insert(id, bounty);
		Self::deposit_event(Event::AnswerRejected { bounty: id, listing: listing_id });
		Ok(())
	}

	/// Whether `buyer` can no longer buy `answer`'s listing: gone, closed, expired, or its
	/// device suspended, retired or handed over since (what `accept_answer` would refuse).
	fn dead(answer: &Answer, buyer: &T::AccountId) -> bool {
		Self::buyable_listing(answer.listing, buyer).is_err()
	}

	/// Closes bounty `id`: by its buyer (`who`) at any time, by anyone (or the hook, `None`)
	/// after the deadline.
	pub(crate) fn do_close_bounty(who: Option<&T::AccountId>, id: BountyId) -> DispatchResult {
		let bounty = Bounties::<T>::get(id).ok_or(Error::<T>::UnknownBounty)?;
		ensure!(
			who == Some(&bounty.buyer) || Self::now() > bounty.deadline,
			Error::<T>::BountyStillOpen
		);
		Self::end_bounty(id, &bounty)
	}

	/// Refunds what `bounty` holds for answers not accepted, and removes it.
	pub(crate) fn end_bounty(id: BountyId, bounty: &Bounty<T>) -> DispatchResult {
		let refunded = Self::bounty_escrow(bounty);
		Self::pay_out(HoldReason::BountyEscrow, &bounty.buyer, refunded)?;
		Bounties::<T>::remove(id);
		Self::deposit_event(Event::BountyClosed { bounty: id, refunded });
		Ok(())
	}

	/// What `bounty` holds: the rewards of the answers it may still accept.
	pub(crate) fn bounty_escrow(bounty: &Bounty<T>) -> BalanceOf<T> {
		let left = bounty.max_accepted.saturating_sub(bounty.accepted);
		bounty.reward.saturating_mul(left.into())
	}

	/// Bounty `id`, if its deadline has not passed.
	fn live_bounty(id: BountyId) -> Result<Bounty<T>, DispatchError> {
		let bounty = Bounties::<T>::get(id).ok_or(Error::<T>::UnknownBounty)?;
		ensure!(Self::now() <= bounty.deadline, Error::<T>::BountyDeadlinePassed);
		Ok(bounty)
	}
}
