//! Ingest: what a batch adds is reported for forwarding, released orphans included; what is
//! known or repeated costs no signature check; admission applies to local submissions only.

use super::*;
use crate::testing::{MemChain, TestBlock, GENESIS};
use itc_dag::tx::{Essence, Payload};

fn key(device: u8) -> itc_dag::ed25519_zebra::SigningKey {
	itc_dag::ed25519_zebra::SigningKey::from([device; 32])
}

fn record(device: u8, seq: u64, parents: [TxId; 2]) -> DagTx {
	let essence = Essence {
		sender: itc_dag::ed25519_zebra::VerificationKeyBytes::from(&key(device)).into(),
		seq,
		parents,
		timestamp_ms: now_ms(),
		payload: Payload::Record { digest: [seq as u8; 32], size: 1, cid: None },
	};
	DagTx::sign(&GENESIS, essence, &key(device), 0)
}

fn open() -> (DagShared, tempfile::TempDir) {
	let dir = tempfile::tempdir().unwrap();
	let limits = Limits { difficulty: 0, ..Limits::default() };
	(DagShared::open(GENESIS, dir.path(), limits).unwrap(), dir)
}

fn ingest(dag: &DagShared, txs: Vec<DagTx>) -> Ingested {
	dag.ingest::<TestBlock>(&MemChain::default(), txs, Source::Peer)
}

#[test]
fn an_orphan_released_by_a_later_arrival_is_reported_for_forwarding() {
	// A peer sends the child first: it waits. When the parent comes, both are added, and both
	// must go on to the other peers, or the nodes that hold the child (a twin, say) would cut
	// other batches than the nodes that do not.
	let (dag, _dir) = open();
	let root = itc_dag::graph::root_id(&GENESIS);
	let parent = record(1, 0, [root, root]);
	let parent_id = parent.id(&GENESIS);
	let child = record(2, 0, [parent_id, parent_id]);
	let child_id = child.id(&GENESIS);
	let first = ingest(&dag, vec![child]);
	assert_eq!(first.outcomes, vec![Outcome::Accepted { id: child_id, orphan: true }]);
	assert!(first.added.is_empty(), "an orphan is not in the graph yet");
	let second = ingest(&dag, vec![parent]);
	assert_eq!(second.outcomes, vec![Outcome::Accepted { id: parent_id, orphan: false }]);
	assert_eq!(second.added, vec![parent_id, child_id]);
	assert_eq!(dag.encoded(&second.added).len(), 2, "both can be sent");
}

#[test]
fn a_transaction_repeated_in_one_batch_is_checked_once() {
	let (dag, _dir) = open();
	let root = itc_dag::graph::root_id(&GENESIS);
	let tx = record(1, 0, [root, root]);
	let id = tx.id(&GENESIS);
	let mut forged = tx.clone();
	forged.signature[0] ^= 1;
	let ingested = ingest(&dag, vec![tx.clone(), tx, forged]);
	assert_eq!(
		ingested.outcomes,
		vec![
			Outcome::Accepted { id, orphan: false },
			Outcome::Duplicate { id },
			Outcome::Duplicate { id },
		]
	);
	assert_eq!(ingested.added, vec![id]);
}

#[test]
fn admission_reads_the_chain_only_for_senders_that_signed() {
	let (dag, _dir) = open();
	let chain = MemChain::default();
	let root = itc_dag::graph::root_id(&GENESIS);
	let mut forged = record(1, 0, [root, root]);
	forged.signature[0] ^= 1;
	let ingested = dag.ingest::<TestBlock>(&chain, vec![forged], Source::Local);
	assert_eq!(ingested.outcomes, vec![Outcome::Invalid(Invalid::BadSignature)]);
	assert_eq!(chain.account_reads.load(std::sync::atomic::Ordering::Relaxed), 0);
	let signed = record(1, 0, [root, root]);
	let id = signed.id(&GENESIS);
	let ingested = dag.ingest::<TestBlock>(&chain, vec![signed], Source::Local);
	assert_eq!(ingested.outcomes, vec![Outcome::Accepted { id, orphan: false }]);
	assert_eq!(chain.account_reads.load(std::sync::atomic::Ordering::Relaxed), 1);
}
