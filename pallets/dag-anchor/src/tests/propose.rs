//! `propose`: agreement, settlement, records, dissent, and every refusal.

use crate::{mock::*, *};
use frame_support::{assert_noop, traits::Authorize};
use itc_primitives::{anchor::summary_hash, mining::WorkEvidence};
use sp_runtime::{testing::UintAuthorityId, DispatchError};

#[test]
fn propose_works_and_counts_votes() {
	new_test_ext(|| {
		end_epoch(0);
		let s = summary(0, 1);
		let hash = summary_hash(&s);
		assert!(submit(1, s.clone()).is_ok());
		assert_eq!(Proposals::<Test>::get(0, UintAuthorityId(1)), Some(hash));
		assert_eq!(Tallies::<Test>::get(0, hash).map(|t| t.votes), Some(1));
		System::assert_last_event(
			Event::Proposed {
				epoch: 0,
				validator: UintAuthorityId(1),
				summary_hash: hash,
				votes: 1,
			}
			.into(),
		);
		assert!(submit(2, s).is_ok());
		assert_eq!(Tallies::<Test>::get(0, hash).map(|t| t.votes), Some(2));
		assert_eq!(Anchors::<Test>::get(0), None, "2 of 4 is not two thirds");
	});
}

#[test]
fn three_of_four_anchor_settle_and_credit_records() {
	new_test_ext(|| {
		CurrentEra::set(9);
		end_epoch(0);
		let s = summary(0, 1);
		let hash = summary_hash(&s);
		assert!(submit(4, summary(0, 66)).is_ok());
		assert!(submit(1, s.clone()).is_ok());
		assert!(submit(2, s.clone()).is_ok());
		assert!(submit(3, s.clone()).is_ok());
		assert_eq!(
			Anchors::<Test>::get(0),
			Some(Anchor { root: s.root, count: 4, cid: s.cid.clone(), summary_hash: hash, at: 2 })
		);
		assert_eq!(LastAnchored::<Test>::get(), Some(0));
		assert_eq!(Settled::get(), vec![s.settlement.to_vec()]);
		let code = device(RECORD_DEVICE);
		assert_eq!(DagAnchor::anchored_records(&code, 9), 2);
		assert_eq!(DagAnchor::anchored_records(&code, 8), 0);
		assert_eq!(OutvotedCount::<Test>::get(UintAuthorityId(4)), 1);
		assert_eq!(OutvotedCount::<Test>::get(UintAuthorityId(1)), 0);
		let events = events();
		assert!(events.contains(&Event::Outvoted {
			epoch: 0,
			validator: UintAuthorityId(4),
			summary_hash: summary_hash(&summary(0, 66)),
		}));
		assert_eq!(
			events.last(),
			Some(&Event::Anchored {
				epoch: 0,
				root: s.root,
				count: 4,
				summary_hash: hash,
				settled: 2,
				records: 2
			})
		);
		// The epoch is resolved: the next opens when it ends, a late proposal is refused.
		assert_eq!((OpenEpoch::<Test>::get(), NextEpoch::<Test>::get()), (None, 1));
		assert_eq!(validity(4, s.clone(), sign(4, &s)), "stale");
		end_epoch(1);
		assert_eq!(OpenEpoch::<Test>::get().map(|w| w.epoch), Some(1));
	});
}

#[test]
fn one_validator_anchors_alone() {
	new_test_ext(|| {
		Validators::set(vec![UintAuthorityId(1)]);
		end_epoch(0);
		assert!(submit(1, AnchorSummaryOf::<Test>::empty(0)).is_ok());
		let anchor = Anchors::<Test>::get(0).unwrap();
		assert_eq!((anchor.count, anchor.root), (0, [0; 32]));
		assert_eq!(Settled::get(), vec![vec![]]);
	});
}

#[test]
fn records_of_earlier_eras_are_remembered_for_one_era_more() {
	new_test_ext(|| {
		Validators::set(vec![UintAuthorityId(1)]);
		let code = device(RECORD_DEVICE);
		for (epoch, era) in [(0u32, 3u32), (1, 3), (2, 4), (3, 5)] {
			CurrentEra::set(era);
			end_epoch(epoch);
			assert!(submit(1, summary(epoch, 1)).is_ok());
		}
		assert_eq!(DagAnchor::anchored_records(&code, 5), 2);
		assert_eq!(DagAnchor::anchored_records(&code, 4), 2);
		assert_eq!(DagAnchor::anchored_records(&code, 3), 0, "two eras back is forgotten");
	});
}

#[test]
fn a_failed_settlement_resolves_the_epoch_without_an_anchor() {
	new_test_ext(|| {
		end_epoch(0);
		SettlementFails::set(true);
		let s = summary(0, 1);
		for v in 1..=3 {
			assert!(submit(v, s.clone()).is_ok());
		}
		assert_eq!(Anchors::<Test>::get(0), None);
		assert_eq!(LastAnchored::<Test>::get(), None);
		assert_eq!(DagAnchor::anchored_records(&device(RECORD_DEVICE), 0), 0);
		System::assert_last_event(
			Event::SettlementFailed { epoch: 0, summary_hash: summary_hash(&s) }.into(),
		);
		assert_eq!((OpenEpoch::<Test>::get(), NextEpoch::<Test>::get()), (None, 1));
	});
}

#[test]
fn propose_fails_when_no_epoch_is_open_or_for_another_epoch() {
	new_test_ext(|| {
		assert_eq!(submit(1, summary(0, 1)), Err(DispatchError::Other("stale")));
		end_epoch(0);
		assert_eq!(submit(1, summary(1, 1)), Err(DispatchError::Other("stale")));
		let s = summary(1, 1);
		assert_noop!(dispatch(1, s.clone(), sign(1, &s)), Error::<Test>::WrongEpoch);
	});
}

#[test]
fn propose_fails_when_not_a_validator() {
	new_test_ext(|| {
		end_epoch(0);
		let s = summary(0, 1);
		assert_eq!(validity(5, s.clone(), sign(5, &s)), "bad signer");
		assert_noop!(dispatch(5, s.clone(), sign(5, &s)), Error::<Test>::NotAValidator);
	});
}

#[test]
fn propose_fails_when_already_proposed() {
	new_test_ext(|| {
		end_epoch(0);
		assert!(submit(1, summary(0, 1)).is_ok());
		let other = summary(0, 2);
		assert_eq!(validity(1, other.clone(), sign(1, &other)), "stale");
		assert_noop!(dispatch(1, other.clone(), sign(1, &other)), Error::<Test>::AlreadyProposed);
	});
}

#[test]
fn propose_fails_with_a_bad_signature() {
	new_test_ext(|| {
		end_epoch(0);
		let s = summary(0, 1);
		// Another validator's signature, a signature of another summary, and one made for
		// another chain (another genesis hash).
		assert_eq!(validity(1, s.clone(), sign(2, &s)), "bad proof");
		assert_eq!(validity(1, s.clone(), sign(1, &summary(0, 2))), "bad proof");
		let foreign = itc_primitives::anchor::proposal_payload(&[0xee; 32], 0, &summary_hash(&s));
		let signature = sp_runtime::RuntimeAppPublic::sign(&UintAuthorityId(1), &foreign).unwrap();
		assert_eq!(validity(1, s.clone(), signature.clone()), "bad proof");
		assert_noop!(dispatch(1, s, signature), Error::<Test>::BadSignature);
	});
}

#[test]
fn propose_fails_with_a_malformed_summary() {
	new_test_ext(|| {
		end_epoch(0);
		let mut s = summary(0, 1);
		s.settlement[1].delta = 24;
		assert_eq!(validity(1, s.clone(), sign(1, &s)), "bad call");
		assert_noop!(dispatch(1, s.clone(), sign(1, &s)), Error::<Test>::MalformedSummary);
	});
}

#[test]
fn propose_fails_from_any_other_origin() {
	new_test_ext(|| {
		end_epoch(0);
		let s = summary(0, 1);
		for origin in [RuntimeOrigin::signed(1), RuntimeOrigin::root(), RuntimeOrigin::none()] {
			assert_noop!(
				DagAnchor::propose(origin, s.clone(), UintAuthorityId(1), sign(1, &s)),
				DispatchError::BadOrigin
			);
		}
	});
}

#[test]
fn a_valid_proposal_lives_in_the_pool_until_the_deadline() {
	new_test_ext(|| {
		end_epoch(0);
		let s = summary(0, 1);
		let call = Call::<Test>::propose {
			summary: s.clone(),
			validator: UintAuthorityId(1),
			signature: sign(1, &s),
		};
		let (validity, _) = call
			.authorize(sp_runtime::transaction_validity::TransactionSource::External)
			.unwrap()
			.unwrap();
		assert_eq!(validity.longevity, TIMEOUT);
		assert_eq!(validity.priority, ProposalPriority::get());
		assert_eq!(validity.provides.len(), 1);
		assert!(validity.requires.is_empty());
	});
}
