//! Opening epochs, timeouts, skipping.

use crate::{mock::*, *};

#[test]
fn an_epoch_opens_once_it_has_ended() {
	new_test_ext(|| {
		set_elapsed(EPOCH_MS - 1);
		next_block();
		assert_eq!(OpenEpoch::<Test>::get(), None);
		end_epoch(0);
		let window = OpenEpoch::<Test>::get().unwrap();
		assert_eq!(
			window,
			EpochWindow {
				epoch: 0,
				reference: 3,
				deadline: 3 + TIMEOUT,
				end_ms: GENESIS_MS + EPOCH_MS
			}
		);
		assert_eq!(NextEpoch::<Test>::get(), 0);
		assert_eq!(
			events(),
			[Event::EpochOpened { epoch: 0, reference: 3, deadline: 3 + TIMEOUT, skipped: 0 }]
		);
	});
}

#[test]
fn nothing_opens_before_the_clock_starts() {
	new_test_ext(|| {
		next_block();
		next_block();
		assert_eq!(OpenEpoch::<Test>::get(), None);
		assert!(events().is_empty());
	});
}

#[test]
fn an_epoch_without_agreement_times_out_and_the_next_opens() {
	new_test_ext(|| {
		end_epoch(0);
		assert!(submit(1, summary(0, 1)).is_ok());
		assert!(submit(2, summary(0, 2)).is_ok());
		// Until the deadline the epoch stays open, even after the next one ended.
		set_elapsed(EPOCH_MS * 2 + 1);
		for _ in 0..TIMEOUT {
			next_block();
		}
		assert_eq!(OpenEpoch::<Test>::get().map(|w| w.epoch), Some(0));
		next_block();
		let window = OpenEpoch::<Test>::get().unwrap();
		assert_eq!(window.epoch, 1);
		assert!(
			events().contains(&Event::EpochTimedOut { epoch: 0, proposals: 2 }),
			"{:?}",
			events()
		);
		assert_eq!(Proposals::<Test>::iter().count(), 0);
		assert_eq!(Tallies::<Test>::iter().count(), 0);
		assert_eq!(Anchors::<Test>::get(0), None);
		assert!(Settled::get().is_empty());
	});
}

#[test]
fn a_timed_out_epoch_waits_for_the_next_to_end() {
	new_test_ext(|| {
		end_epoch(0);
		for _ in 0..=TIMEOUT {
			next_block();
		}
		assert_eq!(OpenEpoch::<Test>::get(), None);
		assert_eq!(NextEpoch::<Test>::get(), 1);
		end_epoch(1);
		assert_eq!(OpenEpoch::<Test>::get().map(|w| w.epoch), Some(1));
	});
}

#[test]
fn epochs_missed_while_the_chain_was_down_are_skipped() {
	new_test_ext(|| {
		end_epoch(6);
		let window = OpenEpoch::<Test>::get().unwrap();
		assert_eq!((window.epoch, window.end_ms), (6, GENESIS_MS + 7 * EPOCH_MS));
		assert_eq!(NextEpoch::<Test>::get(), 6);
		assert!(matches!(events()[..], [Event::EpochOpened { epoch: 6, skipped: 6, .. }]));
	});
}

#[test]
fn the_threshold_is_two_thirds_rounded_up() {
	let table = [(0, 1), (1, 1), (2, 2), (3, 2), (4, 3), (5, 4), (6, 4), (7, 5), (21, 14)];
	for (validators, threshold) in table {
		assert_eq!(DagAnchor::threshold(validators), threshold, "{validators} validators");
	}
}
