//! Proposals, their validity, and the anchor that two thirds of them make.

use crate::*;
use frame_support::{pallet_prelude::*, storage::with_storage_layer};
use frame_system::pallet_prelude::BlockNumberFor;
use itc_primitives::{
	anchor::{check_summary, proposal_payload, summary_hash, Hash32, MicroSettlement},
	device::DeviceRegistry,
};
use sp_runtime::{
	traits::{Saturating, Zero},
	RuntimeAppPublic, SaturatedConversion,
};

impl<T: Config> Pallet<T> {
	/// The chain's genesis hash, which proposals are bound to.
	pub fn genesis_hash() -> T::Hash {
		frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero())
	}

	/// The payload `validator` signs to propose `summary`.
	pub fn payload_of(summary: &AnchorSummaryOf<T>) -> alloc::vec::Vec<u8> {
		proposal_payload(&Self::genesis_hash(), summary.epoch, &summary_hash(summary))
	}

	/// Whether a proposal may count now: the open epoch, a current validator who has not
	/// proposed, its signature, a well-formed summary. Returns the open epoch.
	pub(crate) fn check_proposal(
		summary: &AnchorSummaryOf<T>,
		validator: &T::AuthorityId,
		signature: &SignatureOf<T>,
	) -> Result<EpochWindowOf<T>, Error<T>> {
		let window = OpenEpoch::<T>::get().ok_or(Error::<T>::WrongEpoch)?;
		ensure!(summary.epoch == window.epoch, Error::<T>::WrongEpoch);
		ensure!(T::Validators::get().contains(validator), Error::<T>::NotAValidator);
		ensure!(
			!Proposals::<T>::contains_key(window.epoch, validator),
			Error::<T>::AlreadyProposed
		);
		ensure!(validator.verify(&Self::payload_of(summary), signature), Error::<T>::BadSignature);
		check_summary(summary).map_err(|_| Error::<T>::MalformedSummary)?;
		Ok(window)
	}

	/// The transaction-pool validity of a proposal: valid until the epoch's deadline, one per
	/// validator and epoch.
	pub(crate) fn authorize_propose(
		_source: TransactionSource,
		summary: &AnchorSummaryOf<T>,
		validator: &T::AuthorityId,
		signature: &SignatureOf<T>,
	) -> TransactionValidityWithRefund {
		let window = Self::check_proposal(summary, validator, signature).map_err(|e| match e {
			Error::<T>::NotAValidator => InvalidTransaction::BadSigner,
			Error::<T>::BadSignature => InvalidTransaction::BadProof,
			Error::<T>::MalformedSummary => InvalidTransaction::Call,
			_ => InvalidTransaction::Stale,
		})?;
		let deadline = window.deadline;
		let now = frame_system::Pallet::<T>::block_number();
		let longevity = deadline.saturating_sub(now).saturated_into::<u64>().max(1);
		let validity = ValidTransaction::with_tag_prefix("DagAnchor")
			.priority(T::ProposalPriority::get())
			.and_provides((summary.epoch, validator))
			.longevity(longevity)
			.propagate(true)
			.build()?;
		Ok((validity, Weight::zero()))
	}

	/// Counts a checked proposal; anchors the summary when it reaches the threshold. Returns
	/// the weight used.
	pub(crate) fn do_propose(summary: AnchorSummaryOf<T>, validator: T::AuthorityId) -> Weight {
		let epoch = summary.epoch;
		let hash = summary_hash(&summary);
		Proposals::<T>::insert(epoch, &validator, hash);
		let votes = Tallies::<T>::mutate(epoch, hash, |tally| match tally {
			Some(tally) => {
				tally.votes.saturating_inc();
				tally.votes
			},
			None => {
				*tally = Some(Tally { summary: summary.clone(), votes: 1 });
				1
			},
		});
		Self::deposit_event(Event::Proposed { epoch, validator, summary_hash: hash, votes });
		let validators = T::Validators::get().len() as u32;
		if votes < Self::threshold(validators) {
			return T::WeightInfo::propose_counting();
		}
		let settled = summary.settlement.len() as u32;
		let records = summary.records.len() as u32;
		let senders = summary.senders.len() as u32;
		Self::do_anchor(summary, hash);
		T::WeightInfo::propose_anchoring(validators, settled, records, senders)
	}

	/// Makes `summary` (hash `hash`) the open epoch's anchor: settles it (transfers and the
	/// senders' sequence watermarks), credits its records, records the dissenters, resolves
	/// the epoch. A settlement that fails (funds gone, or numbers settled already) changes
	/// nothing and resolves the epoch as timed out.
	fn do_anchor(summary: AnchorSummaryOf<T>, hash: Hash32) {
		let epoch = summary.epoch;
		let settled =
			with_storage_layer(|| T::Settlement::settle(&summary.settlement, &summary.senders))
				.is_ok();
		if !settled {
			Self::resolve(epoch);
			Self::deposit_event(Event::SettlementFailed { epoch, summary_hash: hash });
			return;
		}
		let era = T::CurrentEra::get();
		let mut credited = 0u32;
		for entry in &summary.records {
			if let Some(code) = T::Devices::code_of(&entry.account) {
				RecordsOf::<T>::mutate(code, |records| {
					records.get_or_insert_default().add(era, entry.records.into())
				});
				credited.saturating_accrue(entry.records);
			}
		}
		for (validator, proposed) in Proposals::<T>::iter_prefix(epoch) {
			if proposed != hash {
				OutvotedCount::<T>::mutate(&validator, |count| count.saturating_inc());
				Self::deposit_event(Event::Outvoted { epoch, validator, summary_hash: proposed });
			}
		}
		Anchors::<T>::insert(
			epoch,
			Anchor {
				root: summary.root,
				count: summary.count,
				cid: summary.cid.clone(),
				summary_hash: hash,
				at: frame_system::Pallet::<T>::block_number(),
			},
		);
		LastAnchored::<T>::put(epoch);
		Self::resolve(epoch);
		Self::deposit_event(Event::Anchored {
			epoch,
			root: summary.root,
			count: summary.count,
			summary_hash: hash,
			settled: summary.settlement.len() as u32,
			records: credited,
		});
	}
}
