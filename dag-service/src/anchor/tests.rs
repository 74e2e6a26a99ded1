//! The anchor service against a chain and stores in memory: cutting once the reference block
//! is final, back-off, catch-up, marking from a peer's file, and agreeing without the file.

use super::*;
use crate::{
	content::{ContentStore, MemoryStore},
	files::{BatchFiles, FetchFile},
	proofs::Proofs,
	state::{DagShared, Source},
	testing::{hash, MemChain, TestBlock, GENESIS, T0},
};
use itc_dag::{
	anchor::Effect,
	tx::{DagTx, Essence, Payload},
	verify::Limits,
	Status,
};

/// A peer that serves the files of another node's store.
struct StorePeer(Arc<MemoryStore>);

#[async_trait::async_trait]
impl FetchFile for StorePeer {
	async fn fetch(&self, _: u32, cid: &str) -> Option<Vec<u8>> {
		self.0.get(cid).await.ok().flatten()
	}
}

fn key(device: u8) -> itc_dag::ed25519_zebra::SigningKey {
	itc_dag::ed25519_zebra::SigningKey::from([device; 32])
}

/// A chain of `n` records by device `device`, each approving the one before.
fn records(device: u8, n: u64) -> Vec<DagTx> {
	let root = itc_dag::graph::root_id(&GENESIS);
	let mut parent = root;
	(0..n)
		.map(|seq| {
			let essence = Essence {
				sender: itc_dag::ed25519_zebra::VerificationKeyBytes::from(&key(device)).into(),
				seq,
				parents: [parent, parent],
				timestamp_ms: T0 + seq,
				payload: Payload::Record { digest: [seq as u8; 32], size: 1, cid: None },
			};
			let tx = DagTx::sign(&GENESIS, essence, &key(device), 0);
			parent = tx.id(&GENESIS);
			tx
		})
		.collect()
}

struct Node {
	dag: DagShared,
	store: Arc<MemoryStore>,
	service: AnchorService<TestBlock, MemChain>,
	_dir: tempfile::TempDir,
}

fn node(chain: &Arc<MemChain>, txs: &[DagTx], peer: Option<Arc<MemoryStore>>) -> Node {
	let dir = tempfile::tempdir().unwrap();
	let limits = Limits { difficulty: 0, ..Limits::default() };
	let dag = DagShared::open(GENESIS, dir.path(), limits).unwrap();
	dag.ingest(&**chain, txs.to_vec(), Source::Peer);
	let store = Arc::new(MemoryStore::default());
	let peers: Arc<dyn FetchFile> = match peer {
		Some(other) => Arc::new(StorePeer(other)),
		None => Arc::new(crate::files::NoPeers),
	};
	let files = BatchFiles::new(store.clone(), peers);
	let service =
		AnchorService::new(chain.clone(), dag.clone(), files).with_unmarked_retry(Duration::ZERO);
	Node { dag, store, service, _dir: dir }
}

async fn finalize(chain: &MemChain, node: &mut Node, n: u32) -> Result<(), Error> {
	*chain.finalized.lock().unwrap() = n;
	node.service.step(hash(n), n).await
}

#[tokio::test]
async fn the_batch_is_cut_once_the_reference_block_is_final() {
	let chain = Arc::new(MemChain::default());
	let txs = records(1, 12);
	let mut a = node(&chain, &txs, None);
	chain.open(0, 5, None);
	finalize(&chain, &mut a, 4).await.unwrap();
	assert!(chain.summary(0).is_none(), "not before the reference block is final");
	finalize(&chain, &mut a, 5).await.unwrap();
	let summary = chain.summary(0).expect("left for the worker");
	// Confirmation weight 8: the first 5 of a chain of 12 are confirmed.
	assert_eq!(summary.count, 5);
	assert_eq!(summary.senders[0].first, 0);
	assert_eq!(summary.senders[0].next, 5);
	assert!(a.store.get(std::str::from_utf8(&summary.cid).unwrap()).await.unwrap().is_some());
	// Cut once per epoch.
	chain.summaries.lock().unwrap().clear();
	finalize(&chain, &mut a, 6).await.unwrap();
	assert!(chain.summary(0).is_none());
}

#[tokio::test]
async fn a_failing_store_is_retried_with_a_back_off() {
	let chain = Arc::new(MemChain::default());
	let mut a = node(&chain, &records(1, 12), None);
	chain.open(0, 1, None);
	a.store.down.store(true, std::sync::atomic::Ordering::Relaxed);
	let failed = finalize(&chain, &mut a, 1).await;
	assert!(matches!(failed, Err(Error::Content(_))), "{failed:?}");
	assert!(chain.summary(0).is_none(), "nothing for the worker until the file is stored");
	// Within the back-off, nothing is tried.
	a.store.down.store(false, std::sync::atomic::Ordering::Relaxed);
	finalize(&chain, &mut a, 2).await.unwrap();
	assert!(chain.summary(0).is_none());
	tokio::time::sleep(Duration::from_millis(1_100)).await;
	finalize(&chain, &mut a, 3).await.unwrap();
	assert!(chain.summary(0).is_some());
}

#[tokio::test]
async fn catch_up_looks_at_a_bounded_number_of_epochs_per_block() {
	let chain = Arc::new(MemChain::default());
	let mut a = node(&chain, &records(1, 12), None);
	// 300 epochs were resolved while the node was away, none anchored with transactions.
	chain.open(300, 1, Some(299));
	finalize(&chain, &mut a, 1).await.unwrap();
	assert!(chain.summary(300).is_none(), "still catching up: epochs 0–255 looked at");
	finalize(&chain, &mut a, 2).await.unwrap();
	assert!(chain.summary(300).is_some(), "caught up, then cut");
}

#[tokio::test]
async fn a_node_that_did_not_cut_marks_from_a_peers_file_and_serves_proofs() {
	let chain = Arc::new(MemChain::default());
	let txs = records(1, 12);
	let mut a = node(&chain, &txs, None);
	chain.open(0, 1, None);
	finalize(&chain, &mut a, 1).await.unwrap();
	let summary = chain.summary(0).unwrap();
	chain.anchor_summary(&summary);
	// B did not cut epoch 0 (it was away) and its store lacks the file: it asks A.
	let mut b = node(&chain, &txs, Some(a.store.clone()));
	chain.open(1, 3, Some(0));
	finalize(&chain, &mut b, 3).await.unwrap();
	let first = txs[0].id(&GENESIS);
	assert_eq!(b.dag.status(&first), Some(Status::Anchored));
	assert_eq!(b.dag.anchored(&first), Some((0, Effect::Applied)));
	assert!(b.service.unmarked().is_empty());
	// B serves the proof of it, from A's file, and keeps the decoded batch.
	let files = BatchFiles::new(b.store.clone(), Arc::new(StorePeer(a.store.clone())));
	let proofs = Proofs::new(chain.clone(), b.dag.clone(), files);
	let proof = proofs.proof(&first).await.unwrap().expect("anchored");
	assert_eq!((proof.epoch, proof.root, proof.effect), (0, summary.root, Effect::Applied));
	assert!(itc_dag::anchor::merkle::verify_proof(
		&summary.root,
		&itc_dag::anchor::merkle::leaf_hash(&first, Effect::Applied),
		&proof.proof
	));
	assert_eq!(proofs.cached_epochs(), vec![0]);
	assert_eq!(proofs.proof(&[9; 32]).await.unwrap(), None);
}

#[tokio::test]
async fn without_the_file_a_node_still_cuts_what_the_others_cut() {
	let chain = Arc::new(MemChain::default());
	let txs = records(1, 30);
	let mut a = node(&chain, &txs[..20], None);
	let mut b = node(&chain, &txs[..20], None); // no peer has the file for B
	chain.open(0, 1, None);
	finalize(&chain, &mut a, 1).await.unwrap();
	let first = chain.summary(0).unwrap();
	assert_eq!(first.count, 13);
	chain.anchor_summary(&first);
	for node in [&a, &b] {
		node.dag.ingest(&*chain, txs[20..].to_vec(), Source::Peer);
	}
	// B missed epoch 0: it cannot mark it, yet its cut of epoch 1 leaves the settled numbers
	// out (the chain's watermark) and equals A's.
	chain.open(1, 3, Some(0));
	finalize(&chain, &mut a, 3).await.unwrap();
	let from_a = chain.summary(1).unwrap();
	chain.summaries.lock().unwrap().clear();
	finalize(&chain, &mut b, 3).await.unwrap();
	let from_b = chain.summary(1).unwrap();
	assert_eq!(from_b, from_a);
	assert_eq!((from_a.senders[0].first, from_a.senders[0].next), (13, 23));
	assert_eq!(b.service.unmarked().iter().copied().collect::<Vec<_>>(), vec![0]);
	assert_eq!(b.dag.status(&txs[0].id(&GENESIS)), Some(Status::Confirmed));
	// Once a peer has the file, B marks epoch 0 too.
	let mut b = Node {
		service: AnchorService::new(
			chain.clone(),
			b.dag.clone(),
			BatchFiles::new(b.store.clone(), Arc::new(StorePeer(a.store.clone()))),
		)
		.with_unmarked_retry(Duration::ZERO),
		..b
	};
	finalize(&chain, &mut b, 4).await.unwrap();
	assert!(b.service.unmarked().is_empty());
	assert_eq!(b.dag.anchored(&txs[0].id(&GENESIS)), Some((0, Effect::Applied)));
}

#[test]
fn only_what_stays_held_through_the_deadline_can_be_credited() {
	use crate::{anchor::reference::ReferenceView, chain::Sender};
	use itc_dag::batch::ChainAt;
	let chain = MemChain::default();
	let [payer, holding, leaving, stranger] = [[1; 32], [2; 32], [3; 32], [4; 32]];
	// `leaving` has only an unlock request, withdrawable before the deadline: it could be
	// withdrawn and the account reaped before settlement, when a credit would fail the epoch.
	let leaving_state = Sender { locked: 0, unlocking: 500, active: true };
	chain
		.accounts
		.lock()
		.unwrap()
		.extend([(leaving, (Some(leaving_state), 0)), (stranger, (None, 0))]);
	let pay = |to: [u8; 32]| DagTx {
		essence: Essence {
			sender: payer,
			seq: 0,
			parents: [[0; 32]; 2],
			timestamp_ms: T0,
			payload: Payload::Transfer { to, amount: 1 },
		},
		nonce: 0,
		signature: [0; 64],
	};
	let txs = [pay(holding), pay(leaving), pay(stranger)];
	let view = ReferenceView::read(&chain, hash(1), 21, &txs).unwrap();
	assert!(view.has_micro_account(&holding));
	assert!(!view.has_micro_account(&leaving), "nothing held through the deadline");
	assert!(view.is_device(&leaving) && view.is_active(&leaving));
	assert!(!view.has_micro_account(&stranger) && !view.is_device(&stranger));
	// Three reads for each device (state, funds, watermark), one for an account that is not.
	let reads = chain.account_reads.load(std::sync::atomic::Ordering::Relaxed);
	assert_eq!(reads, 3 * 3 + 1);
}
