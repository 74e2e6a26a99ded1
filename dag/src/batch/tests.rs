//! Tests of batches: the cut, settlement and its voids, bounds, determinism, the file.

use super::*;
use crate::{
	graph::{ChainView, Dag, DagConfig},
	tx::Essence,
	Status,
};
use itc_primitives::anchor::merkle::verify_proof;
use rand::{seq::SliceRandom, SeedableRng};
use std::collections::HashMap;

const GENESIS: [u8; 32] = [9; 32];
const T0: u64 = 1_800_000_000_000;

struct Locked(HashMap<[u8; 32], u128>);
impl LockedAt for Locked {
	fn locked(&self, account: &[u8; 32]) -> u128 {
		self.0.get(account).copied().unwrap_or(0)
	}
}

struct Active;
impl ChainView for Active {
	fn locked(&self, _: &[u8; 32]) -> u128 {
		u128::MAX
	}
	fn is_active(&self, _: &[u8; 32]) -> bool {
		true
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
	Locked(pairs.iter().map(|(s, l)| (account(*s), *l)).collect())
}

fn cut(txs: &[(TxId, DagTx)], end: u64, locked: &Locked) -> Batch {
	Batch::cut(GENESIS, 4, end, txs.iter().map(|(id, tx)| (*id, tx)), locked)
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
	let effects: Vec<Effect> = batch.txs.iter().map(|(_, e)| *e).collect();
	use Effect::*;
	// Device 2's 30 exceeds its 10 locked: credits received in the batch do not count.
	assert_eq!(effects, vec![Applied, Void, Applied, Void, Void]);
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
				pay((i % 5) as u8, i, T0 + i % 7, ((i + 1) % 5) as u8, 7)
			} else {
				record((i % 5) as u8, i, T0 + i % 7)
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
	let txs: Vec<_> = (0..=MAX_RECORD_DEVICES as u64)
		.map(|i| {
			let seed = [(i % 251) as u8, (i / 251) as u8 + 1];
			let key = ed25519_zebra::SigningKey::from([
				seed[0], seed[1], 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
				0, 0, 0, 0, 0, 0, 0, 1,
			]);
			let sender: [u8; 32] = ed25519_zebra::VerificationKeyBytes::from(&key).into();
			let essence = Essence {
				sender,
				seq: 0,
				parents: [[0; 32]; 2],
				timestamp_ms: T0 + i,
				payload: Payload::Record { digest: [1; 32], size: 1, cid: None },
			};
			let tx = DagTx::sign(&GENESIS, essence, &key, 0);
			(tx.id(&GENESIS), tx)
		})
		.collect();
	let batch = cut(&txs, T0 + 10_000, &locked(&[]));
	assert_eq!(batch.txs.len(), MAX_RECORD_DEVICES as usize);
	assert_eq!(batch.records().len(), MAX_RECORD_DEVICES as usize);
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
		dag.insert(&Active, id, tx, T0).unwrap();
		parents = [id, id];
		ids.push(id);
	}
	assert_eq!(dag.spent(&account(1)), 40);
	// Weight 2 confirms all but the last.
	let candidates = dag.unanchored_before(T0 + 100);
	assert_eq!(candidates.len(), 3);
	let batch = Batch::cut(GENESIS, 0, T0 + 100, candidates, &locked(&[(1, 100), (2, 1)]));
	assert_eq!(dag.mark_anchored(&batch.ids()), 3);
	assert_eq!(dag.status(&ids[0]), Some(Status::Anchored));
	assert_eq!(dag.spent(&account(1)), 10);
	assert!(dag.unanchored_before(T0 + 100).is_empty());
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
	dag.insert(&Active, twin_id, twin, T0).unwrap();
	assert_eq!(dag.status(&ids[0]), Some(Status::Anchored));
	assert_eq!(dag.status(&twin_id), Some(Status::Conflicting));
}
