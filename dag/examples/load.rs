//! A load generator for a running node's DAG service, over its HTTP JSON-RPC (loopback).
//! `scripts/bench/dag.sh` runs it; the devices must be registered and active on chain (the
//! script's driver does that with seeds made by [`seed`]).
//!
//! ```sh
//! load throughput <rpc port> <devices> <transactions> <batch> <clients>
//! load propagate <rpc port A> <rpc port B> <device> <count>
//! ```
//!
//! - `throughput`: makes `transactions` records (signed, proof of work at the node's
//!   difficulty, parents chosen like a sender would) from devices `0..devices`, split between
//!   `clients` threads by sender (so each sender's numbers arrive in order), then each client
//!   sends its share in `dag_submitBatch` calls of `batch`. Prints accepted transactions per
//!   second (first request to last answer) and the p50/p99 time of one batch call. Then one
//!   client sends 500 more with `dag_submit`, one at a time: p50/p99 of one call, the local
//!   acceptance latency of a single transaction.
//! - `propagate`: `count` times (after one unmeasured), sends a record by device `device` to node A and polls node B's
//!   `dag_status` until B holds it: p50/p99 from sending to seen on B.

use itc_dag::{
	graph::{root_id, Dag, DagConfig},
	tx::{DagTx, Essence, Payload},
};
use serde_json::{json, Value};
use std::{
	io::{BufRead, BufReader, Read, Write},
	net::TcpStream,
	time::{Duration, Instant, SystemTime, UNIX_EPOCH},
};

/// The ed25519 seed of bench device `i` (the driver derives the same keys).
pub fn seed(i: u32) -> [u8; 32] {
	let mut seed = [0x42u8; 32];
	seed[0] = 0xbe;
	seed[1..5].copy_from_slice(&i.to_le_bytes());
	seed
}

fn main() {
	let args: Vec<String> = std::env::args().skip(1).collect();
	let number =
		|i: usize| -> u64 { args.get(i).and_then(|a| a.parse().ok()).unwrap_or_else(|| usage()) };
	match args.first().map(String::as_str) {
		Some("throughput") => throughput(
			number(1) as u16,
			number(2) as u32,
			number(3) as usize,
			number(4) as usize,
			number(5) as usize,
		),
		Some("propagate") => {
			propagate(number(1) as u16, number(2) as u16, number(3) as u32, number(4) as usize)
		},
		_ => usage(),
	}
}

fn usage() -> ! {
	eprintln!("usage: load throughput <port> <devices> <transactions> <batch> <clients>");
	eprintln!("       load propagate <port A> <port B> <device> <count>");
	std::process::exit(2)
}

/// A keep-alive HTTP/1.1 JSON-RPC connection to a node on loopback.
struct Rpc {
	reader: BufReader<TcpStream>,
	port: u16,
	id: u64,
}

impl Rpc {
	fn connect(port: u16) -> Self {
		let stream = TcpStream::connect(("127.0.0.1", port)).expect("the node's RPC port");
		stream.set_nodelay(true).expect("a TCP socket");
		Self { reader: BufReader::new(stream), port, id: 0 }
	}

	/// Calls `method`; panics on a JSON-RPC error (the bench sends only what must work).
	fn call(&mut self, method: &str, params: Value) -> Value {
		self.id += 1;
		let body = json!({ "jsonrpc": "2.0", "id": self.id, "method": method, "params": params })
			.to_string();
		let request = format!(
			"POST / HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Type: application/json\r\n\
			 Content-Length: {}\r\n\r\n{body}",
			self.port,
			body.len()
		);
		self.reader.get_mut().write_all(request.as_bytes()).expect("the node takes the request");
		let mut length = None;
		loop {
			let mut line = String::new();
			self.reader.read_line(&mut line).expect("the node answers");
			let line = line.trim_end();
			if line.is_empty() {
				break;
			}
			if let Some((name, value)) = line.split_once(':') {
				if name.eq_ignore_ascii_case("content-length") {
					length = value.trim().parse::<usize>().ok();
				}
			}
		}
		let mut body = vec![0; length.expect("a Content-Length header")];
		self.reader.read_exact(&mut body).expect("the whole answer");
		let mut answer: Value = serde_json::from_slice(&body).expect("JSON");
		if let Some(error) = answer.get("error") {
			panic!("{method}: {error}");
		}
		answer["result"].take()
	}
}

fn hex(bytes: &[u8]) -> String {
	let digits: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
	format!("0x{digits}")
}

fn unhex32(value: &Value) -> [u8; 32] {
	let text = value.as_str().expect("a hex string").trim_start_matches("0x");
	let mut out = [0u8; 32];
	for (i, byte) in out.iter_mut().enumerate() {
		*byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).expect("hex");
	}
	out
}

fn now_ms() -> u64 {
	SystemTime::now().duration_since(UNIX_EPOCH).expect("after 1970").as_millis() as u64
}

fn percentile(sorted: &[Duration], p: usize) -> f64 {
	sorted[(sorted.len() - 1) * p / 100].as_secs_f64() * 1e3
}

/// Makes records by `senders` in turn, each approving two tips of what this maker made so far
/// (starting from the root), so one maker's transactions never wait for another's.
struct Maker {
	genesis: [u8; 32],
	difficulty: u8,
	dag: Dag,
	senders: Vec<(ed25519_zebra::SigningKey, u64)>,
	made: u64,
}

impl Maker {
	fn new(genesis: [u8; 32], difficulty: u8, devices: impl Iterator<Item = u32>) -> Self {
		let senders = devices.map(|i| (ed25519_zebra::SigningKey::from(seed(i)), 0u64)).collect();
		let dag = Dag::new(&genesis, DagConfig::default());
		Self { genesis, difficulty, dag, senders, made: 0 }
	}

	fn next(&mut self) -> DagTx {
		let now = now_ms();
		let turn = (self.made % self.senders.len() as u64) as usize;
		let (key, seq) = &mut self.senders[turn];
		let essence = Essence {
			sender: ed25519_zebra::VerificationKeyBytes::from(&*key).into(),
			seq: *seq,
			parents: self.dag.select_tips(now),
			timestamp_ms: now,
			payload: Payload::Record {
				digest: sp_crypto_hashing::blake2_256(&self.made.to_le_bytes()),
				size: 256,
				cid: None,
			},
		};
		*seq += 1;
		self.made += 1;
		let tx = DagTx::sign(&self.genesis, essence, key, self.difficulty);
		let id = tx.id(&self.genesis);
		self.dag.insert(id, tx.clone(), now).expect("a valid record");
		tx
	}
}

fn limits(port: u16) -> ([u8; 32], u8) {
	let limits = Rpc::connect(port).call("dag_limits", json!([]));
	(unhex32(&limits["genesis"]), limits["difficulty"].as_u64().expect("a difficulty") as u8)
}

fn throughput(port: u16, devices: u32, total: usize, batch: usize, clients: usize) {
	let (genesis, difficulty) = limits(port);
	let per_client = total / clients;
	// Each client's transactions, made in parallel (proof of work is the slow part).
	let started = Instant::now();
	let mut makers: Vec<(Maker, Vec<String>)> = std::thread::scope(|scope| {
		let handles: Vec<_> = (0..clients)
			.map(|c| {
				scope.spawn(move || {
					let senders = (0..devices).filter(|i| *i as usize % clients == c);
					let mut maker = Maker::new(genesis, difficulty, senders);
					let txs = (0..per_client).map(|_| hex(&codec::Encode::encode(&maker.next())));
					let txs = txs.collect();
					(maker, txs)
				})
			})
			.collect();
		handles.into_iter().map(|h| h.join().expect("a maker")).collect()
	});
	println!(
		"made {} transactions (difficulty {difficulty}) in {:.1} s",
		per_client * clients,
		started.elapsed().as_secs_f64()
	);

	// Every client sends its share in batches, concurrently.
	let started = Instant::now();
	let results: Vec<(usize, Vec<Duration>)> = std::thread::scope(|scope| {
		let handles: Vec<_> = makers
			.iter()
			.map(|(_, txs)| {
				scope.spawn(move || {
					let mut rpc = Rpc::connect(port);
					let mut accepted = 0;
					let mut latencies = Vec::new();
					for chunk in txs.chunks(batch) {
						let began = Instant::now();
						let answer = rpc.call("dag_submitBatch", json!([chunk]));
						latencies.push(began.elapsed());
						let answers = answer.as_array().expect("one answer per transaction");
						accepted += answers.iter().filter(|a| a["id"].is_string()).count();
					}
					(accepted, latencies)
				})
			})
			.collect();
		handles.into_iter().map(|h| h.join().expect("a client")).collect()
	});
	let elapsed = started.elapsed().as_secs_f64();
	let accepted: usize = results.iter().map(|(a, _)| a).sum();
	let mut latencies: Vec<Duration> = results.into_iter().flat_map(|(_, l)| l).collect();
	latencies.sort();
	println!(
		"node accepted {accepted} of {} in {elapsed:.2} s: {:.0} tx/s ({clients} clients, \
		 dag_submitBatch of {batch})",
		per_client * clients,
		accepted as f64 / elapsed
	);
	println!(
		"one dag_submitBatch call of {batch}: p50 {:.2} ms, p99 {:.2} ms",
		percentile(&latencies, 50),
		percentile(&latencies, 99)
	);
	assert_eq!(accepted, per_client * clients, "every transaction accepted");

	// One transaction at a time: the acceptance latency a single device sees.
	let (maker, _) = &mut makers[0];
	let singles: Vec<String> =
		(0..500).map(|_| hex(&codec::Encode::encode(&maker.next()))).collect();
	let mut rpc = Rpc::connect(port);
	let mut latencies = Vec::new();
	for tx in &singles {
		let began = Instant::now();
		rpc.call("dag_submit", json!([tx]));
		latencies.push(began.elapsed());
	}
	latencies.sort();
	println!(
		"one dag_submit call (500, one at a time): p50 {:.2} ms, p99 {:.2} ms",
		percentile(&latencies, 50),
		percentile(&latencies, 99)
	);
}

fn propagate(port_a: u16, port_b: u16, device: u32, count: usize) {
	let (genesis, difficulty) = limits(port_a);
	let key = ed25519_zebra::SigningKey::from(seed(device));
	let root = root_id(&genesis);
	let mut a = Rpc::connect(port_a);
	let mut b = Rpc::connect(port_b);
	let mut latencies = Vec::new();
	let mut previous = root;
	// The first one opens the way (B's gossip substream may still be opening): not measured.
	for seq in 0..=count as u64 {
		// Each approves the previous one (which B has) and the root: nothing B lacks.
		let essence = Essence {
			sender: ed25519_zebra::VerificationKeyBytes::from(&key).into(),
			seq,
			parents: [previous, root],
			timestamp_ms: now_ms(),
			payload: Payload::Record { digest: [seq as u8; 32], size: 64, cid: None },
		};
		let tx = DagTx::sign(&genesis, essence, &key, difficulty);
		let id = hex(&tx.id(&genesis));
		let began = Instant::now();
		a.call("dag_submit", json!([hex(&codec::Encode::encode(&tx))]));
		while b.call("dag_status", json!([id])).is_null() {
			assert!(began.elapsed() < Duration::from_secs(10), "{id} never reached node B");
			std::thread::sleep(Duration::from_micros(200));
		}
		if seq > 0 {
			latencies.push(began.elapsed());
		}
		previous = tx.id(&genesis);
	}
	latencies.sort();
	println!(
		"submitted to node A until held by node B ({count}, one at a time): p50 {:.2} ms, \
		 p99 {:.2} ms",
		percentile(&latencies, 50),
		percentile(&latencies, 99)
	);
}
