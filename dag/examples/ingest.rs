//! How fast the DAG core takes transactions on this machine, against how fast the same machine
//! verifies ed25519 signatures, measured in the same run (one thread).
//!
//! ```sh
//! cargo run --release -p itc-dag --example ingest [transactions] [batch]
//! ```
//!
//! Transactions are made first (signed, with proof of work at difficulty 0, so making them is
//! not measured), by 1,000 senders, each approving two tips chosen as a sender would. Then:
//! 1. ed25519 verifications per second, one by one and in batches (the baseline);
//! 2. the core's ingest rate: `verify::check` + batched `verify::signatures` + `Dag::insert`,
//!    and the time per batch (the local acceptance latency of a batch).

use itc_dag::{
	graph::{Dag, DagConfig},
	tx::{DagTx, Essence, Payload},
	verify::{self, Limits},
};
use std::time::Instant;

const GENESIS: [u8; 32] = [9; 32];
const NOW: u64 = 1_800_000_000_000;

fn main() {
	let args: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
	let total = args.first().copied().unwrap_or(50_000);
	let batch = args.get(1).copied().unwrap_or(64);
	let limits = Limits { difficulty: 0, ..Limits::default() };

	// Transactions as senders would make them, each approving two tips of the graph so far.
	let keys: Vec<ed25519_zebra::SigningKey> =
		(0..1_000u32).map(|i| ed25519_zebra::SigningKey::from(seed(i))).collect();
	let mut maker = Dag::new(&GENESIS, DagConfig::default());
	let mut seqs = vec![0u64; keys.len()];
	let mut txs = Vec::with_capacity(total);
	for i in 0..total {
		let sender = i % keys.len();
		let key = &keys[sender];
		let essence = Essence {
			sender: ed25519_zebra::VerificationKeyBytes::from(key).into(),
			seq: seqs[sender],
			parents: maker.select_tips(NOW),
			timestamp_ms: NOW,
			payload: Payload::Record { digest: [i as u8; 32], size: 64, cid: None },
		};
		seqs[sender] += 1;
		let tx = DagTx::sign(&GENESIS, essence, key, 0);
		maker.insert(tx.id(&GENESIS), tx.clone(), NOW).expect("valid");
		txs.push(tx);
	}

	// 1. The baseline: ed25519 verifications per second.
	let messages: Vec<Vec<u8>> =
		txs.iter().map(|tx| itc_dag::tx::message(&GENESIS, &tx.essence)).collect();
	let start = Instant::now();
	for (tx, message) in txs.iter().zip(&messages) {
		let key = ed25519_zebra::VerificationKey::try_from(tx.essence.sender).unwrap();
		key.verify(&ed25519_zebra::Signature::from(tx.signature), message).unwrap();
	}
	let single = total as f64 / start.elapsed().as_secs_f64();
	let refs: Vec<&DagTx> = txs.iter().collect();
	let start = Instant::now();
	for chunk in refs.chunks(batch) {
		assert!(verify::signatures(&GENESIS, chunk).iter().all(|ok| *ok));
	}
	let batched = total as f64 / start.elapsed().as_secs_f64();

	// 2. The core: check, batch-verify, insert.
	let mut dag = Dag::new(&GENESIS, DagConfig::default());
	let mut latencies = Vec::new();
	let start = Instant::now();
	for chunk in txs.chunks(batch) {
		let began = Instant::now();
		let ids: Vec<_> = chunk
			.iter()
			.map(|tx| verify::check(&GENESIS, tx, limits.difficulty).unwrap())
			.collect();
		let refs: Vec<&DagTx> = chunk.iter().collect();
		let ok = verify::signatures(&GENESIS, &refs);
		for ((id, tx), ok) in ids.into_iter().zip(chunk).zip(ok) {
			assert!(ok);
			dag.insert(id, tx.clone(), NOW).unwrap();
		}
		latencies.push(began.elapsed());
	}
	let ingest = total as f64 / start.elapsed().as_secs_f64();
	latencies.sort();
	let percentile = |p: usize| latencies[(latencies.len() - 1) * p / 100].as_secs_f64() * 1e3;
	assert_eq!(dag.len(), total);

	println!("transactions: {total}, batch: {batch}, senders: {}", keys.len());
	println!("ed25519 verify, one by one: {single:.0}/s");
	println!("ed25519 verify, batches of {batch}: {batched:.0}/s");
	println!("DAG ingest (check + batch verify + insert): {ingest:.0}/s");
	println!(
		"ingest / single verify: {:.2}×, ingest / batch verify: {:.2}×",
		ingest / single,
		ingest / batched
	);
	println!(
		"time per batch of {batch}: p50 {:.2} ms, p99 {:.2} ms",
		percentile(50),
		percentile(99)
	);
	let confirmed = (0..total)
		.filter(|i| dag.status(&txs[*i].id(&GENESIS)) == Some(itc_dag::Status::Confirmed))
		.count();
	println!("confirmed: {confirmed} of {total}, tips: {}", dag.tips().count());
}

fn seed(i: u32) -> [u8; 32] {
	let mut seed = [7u8; 32];
	seed[..4].copy_from_slice(&i.to_le_bytes());
	seed
}
