//! Tests of batches: the cut, settlement and its voids, bounds, determinism, the file.

use super::*;
use crate::{
	graph::{Dag, DagConfig},
	tx::Essence,
	Status,
};
use itc_primitives::anchor::{merkle::verify_proof, MAX_CID_LENGTH, MAX_RECORD_DEVICES};
use rand::{seq::SliceRandom, SeedableRng};
use std::collections::HashMap;

const GENESIS: [u8; 32] = [9; 32];
const T0: u64 = 1_800_000_000_000;

/// The chain at a reference block: DAG funds by account; every sender is an active device
/// unless listed as inactive (field 1) or not a device (field 3), with nothing settled unless
/// `next_seq` (field 2) says.
struct Locked(HashMap<[u8; 32], u128>, Vec<[u8; 32]>, HashMap<[u8; 32], u64>, Vec<[u8; 32]>);
impl ChainAt for Locked {
	fn is_device(&self, account: &[u8; 32]) -> bool {
		!self.3.contains(account)
	}
	fn has_micro_account(&self, account: &[u8; 32]) -> bool {
		self.funds(account) > 0
	}
	fn funds(&self, account: &[u8; 32]) -> u128 {
		self.0.get(account).copied().unwrap_or(0)
	}
	fn is_active(&self, account: &[u8; 32]) -> bool {
		!self.1.contains(account)
	}
	fn next_seq(&self, account: &[u8; 32]) -> u64 {
		self.2.get(account).copied().unwrap_or(0)
	}
}

fn key(sender: u8) -> ed25519_zebra::SigningKey {
	ed25519_zebra::SigningKey::from([sender; 32])
}

fn account(sender: u8) -> [u8; 32] {
	ed25519_zebra::VerificationKeyBytes::from(&key(sender)).into()
}

fn make(sender: u8, seq: u64, at: u64, payload: Payload) -> (TxId, DagTx) {
	let essence =
		Essence { sender: account(sender), seq, parents: [[0; 32]; 2], timestamp_ms: at, payload };
	let tx = DagTx::sign(&GENESIS, essence, &key(sender), 0);
	(tx.id(&GENESIS), tx)
}

fn pay(sender: u8, seq: u64, at: u64, to: u8, amount: u128) -> (TxId, DagTx) {
	make(sender, seq, at, Payload::Transfer { to: account(to), amount })
}

fn record(sender: u8, seq: u64, at: u64) -> (TxId, DagTx) {
	make(sender, seq, at, Payload::Record { digest: [seq as u8; 32], size: 8, cid: None })
}

fn locked(pairs: &[(u8, u128)]) -> Locked {
	let funds = pairs.iter().map(|(s, l)| (account(*s), *l)).collect();
	Locked(funds, Vec::new(), HashMap::new(), Vec::new())
}

fn effects(batch: &Batch) -> Vec<Effect> {
	batch.txs.iter().map(|(_, e)| *e).collect()
}

fn candidates(txs: &[(TxId, DagTx)]) -> impl Iterator<Item = Candidate<'_>> {
	txs.iter().map(|(id, tx)| Candidate { id: *id, tx, conflicting: false })
}

fn cut(txs: &[(TxId, DagTx)], end: u64, locked: &Locked) -> Batch {
	Batch::cut(GENESIS, 4, end, candidates(txs), locked)
}

#[test]
fn a_batch_holds_what_is_stamped_before_the_end_in_timestamp_order() {
	let txs = vec![record(1, 0, T0 + 5), record(2, 0, T0 + 1), record(1, 1, T0 + 10)];
	let batch = cut(&txs, T0 + 10, &locked(&[]));
	assert_eq!(batch.ids(), vec![txs[1].0, txs[0].0]);
	let mut expected = vec![
		RecordCount { account: account(1), records: 1 },
		RecordCount { account: account(2), records: 1 },
	];
	expected.sort_by_key(|r| r.account);
	assert_eq!(batch.records(), expected);
}

#[test]
fn transfers_settle_while_the_locked_funds_cover_them() {
	let txs = vec![
		pay(1, 0, T0, 2, 60),
		pay(1, 1, T0 + 1, 2, 50), // 110 > 100 locked: void
		pay(1, 2, T0 + 2, 2, 40), // 100 in all: applied
		pay(2, 0, T0 + 3, 3, 5),  // recipient 3 has no micro-account: void
		pay(2, 1, T0 + 4, 1, 30),
	];
	let batch = cut(&txs, T0 + 100, &locked(&[(1, 100), (2, 10)]));
	use Effect::*;
	// Device 2's 30 exceeds its 10 locked: credits received in the batch do not count.
	assert_eq!(effects(&batch), vec![Applied, Void, Applied, VoidNoRecipient, Void]);
	let mut expected = vec![
		NetChange { account: account(1), delta: -100 },
		NetChange { account: account(2), delta: 100 },
	];
	expected.sort_by_key(|c| c.account);
	assert_eq!(batch.settlement(), expected);
	let summary = batch.summary("bafkreiabc").unwrap();
	assert_eq!(itc_primitives::anchor::check_summary(&summary), Ok(()));
	assert_eq!(summary.count, 5);
}

#[test]
fn back_and_forth_nets_out() {
	let txs = vec![pay(1, 0, T0, 2, 10), pay(2, 0, T0 + 1, 1, 10)];
	let batch = cut(&txs, T0 + 100, &locked(&[(1, 10), (2, 10)]));
	assert!(batch.txs.iter().all(|(_, e)| *e == Effect::Applied));
	assert!(batch.settlement().is_empty());
}

#[test]
fn the_cut_is_the_same_whatever_order_the_transactions_are_given_in() {
	let mut txs: Vec<_> = (0..40u64)
		.map(|i| {
			if i % 3 == 0 {
				pay((i % 5) as u8, i / 5, T0 + i % 7, ((i + 1) % 5) as u8, 7)
			} else {
				record((i % 5) as u8, i / 5, T0 + i % 7)
			}
		})
		.collect();
	let funds = locked(&[(0, 20), (1, 20), (2, 20), (3, 20), (4, 20)]);
	let reference = cut(&txs, T0 + 5, &funds);
	let mut rng = rand::rngs::StdRng::seed_from_u64(7);
	for _ in 0..20 {
		txs.shuffle(&mut rng);
		let again = cut(&txs, T0 + 5, &funds);
		assert_eq!(again.to_file(), reference.to_file());
		assert_eq!(again.summary("bafk").unwrap(), reference.summary("bafk").unwrap());
	}
}

#[test]
fn every_transaction_proves_against_the_root() {
	let txs: Vec<_> = (0..9u64).map(|i| record(1, i, T0 + i)).collect();
	let batch = cut(&txs, T0 + 100, &locked(&[]));
	let root = batch.root();
	for (id, _) in &txs {
		let (proof, effect) = batch.proof(id).unwrap();
		assert!(verify_proof(&root, &leaf_hash(id, effect), &proof));
	}
	assert_eq!(batch.proof(&[0; 32]), None);
}

#[test]
fn the_file_reads_back_and_garbage_does_not() {
	let txs = vec![record(1, 0, T0), pay(1, 1, T0 + 1, 2, 1)];
	let batch = cut(&txs, T0 + 100, &locked(&[(1, 5), (2, 1)]));
	let file = batch.to_file();
	assert_eq!(Batch::from_file(&file), Some(batch.clone()));
	assert_eq!(Batch::from_file(&file[..file.len() - 1]), None);
	assert_eq!(Batch::from_file(&[file.clone(), vec![0]].concat()), None);
	let mut other_version = file;
	other_version[0] = 2;
	assert_eq!(Batch::from_file(&other_version), None);
}

#[test]
fn an_empty_epoch_has_the_empty_summary() {
	let batch = cut(&[], T0, &locked(&[]));
	assert_eq!(batch.summary(""), Some(AnchorSummary::empty(4)));
	let long = "b".repeat(MAX_CID_LENGTH as usize + 1);
	let batch = cut(&[record(1, 0, T0)], T0 + 1, &locked(&[]));
	assert_eq!(batch.summary(&long), None);
	assert_eq!(batch.summary(""), None);
}

#[test]
fn too_many_recording_devices_wait_for_the_next_epoch() {
	let txs = many_recording_devices(MAX_RECORD_DEVICES as u64 + 1);
	let batch = cut(&txs, T0 + 10_000, &locked(&[]));
	assert_eq!(batch.txs.len(), MAX_RECORD_DEVICES as usize);
	assert_eq!(batch.records().len(), MAX_RECORD_DEVICES as usize);
}

#[test]
fn the_cut_skips_what_does_not_fit_and_goes_on_in_order() {
	// 513 recording devices, each with one record; then the 513th records again, and devices
	// already in the batch record and pay after it.
	let mut txs = many_recording_devices(MAX_RECORD_DEVICES as u64 + 1);
	let late = txs.last().unwrap().1.clone();
	txs.push(device_record(MAX_RECORD_DEVICES as u64, 1, T0 + 10_000));
	txs.push(device_record(0, 1, T0 + 20_000));
	txs.push(pay(2, 0, T0 + 20_001, 3, 10));
	let batch = cut(&txs, T0 + 100_000, &locked(&[(2, 10), (3, 1)]));
	let ids = batch.ids();
	// The 513th device is skipped with both its records (they roll over in order) …
	assert!(!ids.contains(&late.id(&GENESIS)));
	assert!(!ids.contains(&txs[MAX_RECORD_DEVICES as usize + 1].0));
	// … and the cut goes on past it.
	assert_eq!(batch.txs.len(), MAX_RECORD_DEVICES as usize + 2);
	assert_eq!(&ids[ids.len() - 2..], &[txs[txs.len() - 2].0, txs[txs.len() - 1].0]);
	assert!(effects(&batch).iter().all(|e| *e == Effect::Applied));
}

#[test]
fn a_sender_cannot_void_its_accepted_transfer_with_an_earlier_stamped_one() {
	// Seq 0 pays the merchant (accepted: 80 of 100 locked). The sender then signs seq 1 for
	// another 80 to itself and stamps it *before* seq 0. Batch order is by timestamp, but
	// funds are consumed in sequence order: the payment stands, the second one is void.
	let txs = vec![pay(1, 0, T0 + 10, 2, 80), pay(1, 1, T0 + 1, 3, 80)];
	let batch = cut(&txs, T0 + 100, &locked(&[(1, 100), (2, 1), (3, 1)]));
	assert_eq!(batch.ids(), vec![txs[1].0, txs[0].0]);
	assert_eq!(effects(&batch), vec![Effect::Void, Effect::Applied]);
	let mut expected = vec![
		NetChange { account: account(1), delta: -80 },
		NetChange { account: account(2), delta: 80 },
	];
	expected.sort_by_key(|c| c.account);
	assert_eq!(batch.settlement(), expected);
}

#[test]
fn a_sender_cannot_hold_an_accepted_payment_back_with_an_earlier_number_stamped_ahead() {
	// Seq 0 is a record stamped two hours ahead (the graph rules take it: validity never
	// depends on a clock); seq 1 pays the merchant now, and was admitted with seq 0 in the
	// graph. Were runs cut at the first number stamped past the end, the payment would wait two
	// hours, long after the sender could unlock and withdraw, and then be void.
	let end = T0 + 100;
	let ahead = end + 2 * 3_600_000;
	let txs = vec![record(1, 0, ahead), pay(1, 1, T0 + 10, 2, 80)];
	let batch = cut(&txs, end, &locked(&[(1, 100), (2, 1)]));
	assert_eq!(batch.ids(), vec![txs[1].0, txs[0].0], "both, in (timestamp, id) order");
	assert_eq!(effects(&batch), vec![Effect::Applied, Effect::Applied]);
	// A number stamped ahead with nothing after it stamped before the end still waits, and
	// so does whatever follows it.
	let txs = vec![record(1, 0, T0), record(1, 1, ahead), pay(1, 2, ahead, 2, 80)];
	let batch = cut(&txs, end, &locked(&[(1, 100), (2, 1)]));
	assert_eq!(batch.ids(), vec![txs[0].0]);
	// Twins of the last number due go together, whatever their stamps.
	let (twin, twin_tx) =
		make(1, 0, ahead, Payload::Record { digest: [7; 32], size: 1, cid: None });
	let mut both = candidates(&txs[..1]).collect::<Vec<_>>();
	both.push(Candidate { id: twin, tx: &twin_tx, conflicting: true });
	both[0].conflicting = true;
	let batch = Batch::cut(GENESIS, 4, end, both, &locked(&[(1, 100)]));
	assert_eq!(batch.txs.len(), 2);
	assert_eq!(effects(&batch), vec![Effect::VoidConflict, Effect::VoidConflict]);
}

#[test]
fn unlocking_funds_still_settle_transfers_made_before_the_unlock() {
	// A device with 100 locked pays 70, then asks all 100 back before the reference block:
	// at the reference block it has 0 locked and 100 unlocking, still held. The cut counts
	// both, so the accepted payment is applied (and the pallet pays it from the unlocking
	// funds: `settle_pays_from_unlocking_funds_when_locked_ones_run_short`).
	let txs = vec![pay(1, 0, T0, 2, 70)];
	let unlocked_after_paying = locked(&[(1, 100), (2, 1)]);
	let batch = cut(&txs, T0 + 100, &unlocked_after_paying);
	assert_eq!(effects(&batch), vec![Effect::Applied]);
	// An overspend is still void, with its reason.
	let txs = vec![pay(1, 0, T0, 2, 70), pay(1, 1, T0 + 1, 2, 31)];
	let batch = cut(&txs, T0 + 100, &unlocked_after_paying);
	assert_eq!(effects(&batch), vec![Effect::Applied, Effect::Void]);
}

#[test]
fn an_inactive_sender_is_void_whatever_it_sends() {
	let txs = vec![record(1, 0, T0), pay(1, 1, T0 + 1, 2, 10), record(2, 0, T0 + 2)];
	let mut chain = locked(&[(1, 100), (2, 1)]);
	chain.1.push(account(1));
	let batch = cut(&txs, T0 + 100, &chain);
	use Effect::*;
	assert_eq!(effects(&batch), vec![VoidInactiveSender, VoidInactiveSender, Applied]);
	assert!(batch.settlement().is_empty());
	assert_eq!(batch.records(), vec![RecordCount { account: account(2), records: 1 }]);
	let summary = batch.summary("bafkreiabc").unwrap();
	assert_eq!(itc_primitives::anchor::check_summary(&summary), Ok(()));
}

fn device_key(seed: [u8; 2]) -> ed25519_zebra::SigningKey {
	let mut bytes = [0u8; 32];
	bytes[..2].copy_from_slice(&seed);
	bytes[31] = 1;
	ed25519_zebra::SigningKey::from(bytes)
}

/// Record number `seq` of the `i`-th of many devices, stamped `at`.
fn device_record(i: u64, seq: u64, at: u64) -> (TxId, DagTx) {
	let key = device_key([(i % 251) as u8, (i / 251) as u8 + 1]);
	let essence = Essence {
		sender: ed25519_zebra::VerificationKeyBytes::from(&key).into(),
		seq,
		parents: [[0; 32]; 2],
		timestamp_ms: at,
		payload: Payload::Record { digest: [1; 32], size: 1, cid: None },
	};
	let tx = DagTx::sign(&GENESIS, essence, &key, 0);
	(tx.id(&GENESIS), tx)
}

/// One record each from `n` distinct devices, stamped T0, T0 + 1, …
fn many_recording_devices(n: u64) -> Vec<(TxId, DagTx)> {
	(0..n).map(|i| device_record(i, 0, T0 + i)).collect()
}

#[test]
fn numbers_below_the_watermark_are_left_out_and_a_gap_waits() {
	// The chain settled device 1's numbers 0 and 1 already (this node missed that anchor).
	let txs: Vec<_> = [0, 1, 2, 3, 5].iter().map(|seq| record(1, *seq, T0 + seq)).collect();
	let mut chain = locked(&[]);
	chain.2.insert(account(1), 2);
	let batch = cut(&txs, T0 + 100, &chain);
	assert_eq!(batch.ids(), vec![txs[2].0, txs[3].0], "2 and 3; 5 waits for 4");
	assert_eq!(batch.senders(), vec![SeqRange { account: account(1), first: 2, next: 4 }]);
	let summary = batch.summary("bafkreiabc").unwrap();
	assert_eq!(summary.senders.to_vec(), batch.senders());
	assert_eq!(itc_primitives::anchor::check_summary(&summary), Ok(()));
	// Number 4 arrives: the run goes on to 5.
	let mut more = txs.clone();
	more.push(record(1, 4, T0 + 50));
	let batch = cut(&more, T0 + 100, &chain);
	assert_eq!(batch.senders(), vec![SeqRange { account: account(1), first: 2, next: 6 }]);
}

#[test]
fn twins_settle_their_number_once_as_void() {
	let (a, a_tx) = pay(1, 0, T0, 2, 10);
	let (b, b_tx) = record(1, 0, T0 + 1);
	let (c, c_tx) = pay(1, 1, T0 + 2, 2, 10);
	let list = [
		Candidate { id: a, tx: &a_tx, conflicting: true },
		Candidate { id: b, tx: &b_tx, conflicting: true },
		Candidate { id: c, tx: &c_tx, conflicting: false },
	];
	let batch = Batch::cut(GENESIS, 4, T0 + 100, list, &locked(&[(1, 100), (2, 1)]));
	use Effect::*;
	assert_eq!(effects(&batch), vec![VoidConflict, VoidConflict, Applied]);
	assert_eq!(batch.senders(), vec![SeqRange { account: account(1), first: 0, next: 2 }]);
	assert!(batch.records().is_empty());
	let summary = batch.summary("bafkreiabc").unwrap();
	assert_eq!(itc_primitives::anchor::check_summary(&summary), Ok(()));
	// A twin that shows up after its number was settled is never cut.
	let mut chain = locked(&[(1, 100), (2, 1)]);
	chain.2.insert(account(1), 2);
	let late = [Candidate { id: b, tx: &b_tx, conflicting: true }];
	assert!(Batch::cut(GENESIS, 5, T0 + 100, late, &chain).txs.is_empty());
}

#[test]
fn keys_that_are_not_devices_cannot_crowd_devices_out() {
	// 1,100 keys nobody registered, each with one transaction stamped long before a device's,
	// would take every sender slot; they are not cut at all.
	let mut txs: Vec<_> = (0..1_100u64).map(|i| device_record(i, 0, 0)).collect();
	let mut chain = locked(&[]);
	chain.3 = txs.iter().map(|(_, tx)| tx.essence.sender).collect();
	txs.push(record(1, 0, T0));
	let batch = cut(&txs, T0 + 100, &chain);
	assert_eq!(batch.ids(), vec![txs.last().unwrap().0]);
	assert_eq!(batch.senders(), vec![SeqRange { account: account(1), first: 0, next: 1 }]);
}

#[test]
fn anchored_transactions_leave_the_cut_and_stop_counting_as_spent() {
	let mut dag = Dag::new(&GENESIS, DagConfig { confirmation_weight: 2, ..DagConfig::default() });
	let root = dag.root();
	let mut parents = [root, root];
	let mut ids = Vec::new();
	for seq in 0..4u64 {
		let essence = Essence {
			sender: account(1),
			seq,
			parents,
			timestamp_ms: T0 + seq,
			payload: Payload::Transfer { to: account(2), amount: 10 },
		};
		let tx = DagTx::sign(&GENESIS, essence, &key(1), 0);
		let id = tx.id(&GENESIS);
		dag.insert(id, tx, T0).unwrap();
		parents = [id, id];
		ids.push(id);
	}
	assert_eq!(dag.spent(&account(1)), 40);
	// Weight 2 confirms all but the last.
	let candidates = dag.unanchored();
	assert_eq!(candidates.len(), 3);
	let batch = Batch::cut(GENESIS, 0, T0 + 100, candidates, &locked(&[(1, 100), (2, 1)]));
	assert_eq!(dag.mark_anchored(&batch.ids()), 3);
	assert_eq!(dag.status(&ids[0]), Some(Status::Anchored));
	assert_eq!(dag.spent(&account(1)), 10);
	assert!(dag.unanchored().is_empty());
	// A second transaction with an anchored one's number: only the newcomer conflicts.
	let essence = Essence {
		sender: account(1),
		seq: 0,
		parents: [ids[3], ids[3]],
		timestamp_ms: T0 + 9,
		payload: Payload::Record { digest: [3; 32], size: 1, cid: None },
	};
	let twin = DagTx::sign(&GENESIS, essence, &key(1), 0);
	let twin_id = twin.id(&GENESIS);
	dag.insert(twin_id, twin, T0).unwrap();
	assert_eq!(dag.status(&ids[0]), Some(Status::Anchored));
	assert_eq!(dag.status(&twin_id), Some(Status::Conflicting));
}
