//! `itc-load`: load for a running itc-node (docs/BENCHMARKS.md, `scripts/bench/chain.sh`).
//!
//! It sets up fresh senders from Alice (a `--dev` chain), then signs extrinsics with the
//! runtime's own types and submits them over JSON-RPC for `--duration` seconds, at `--rate`
//! extrinsics a second or, without it, flat out: as fast as blocks take them, with up to four
//! blocks' worth (by the weight model, at most one per sender) waiting in the pool. It follows the chain meanwhile and records, for each
//! extrinsic, when it was submitted, first seen in a best block and in a finalized one. It
//! prints a JSON report: throughput measured from the blocks' own timestamps, latencies,
//! finality lag, block fullness.

mod cpu;
mod report;
mod rpc;
mod sign;
mod track;
mod workload;

use clap::Parser;
use std::{
	sync::{
		atomic::{AtomicBool, AtomicU64, Ordering},
		Arc, Mutex,
	},
	time::{Duration, Instant, SystemTime, UNIX_EPOCH},
};
use tokio::sync::Semaphore;
use workload::{Kind, Workload};

/// Load for a running itc-node.
#[derive(Parser, Debug)]
#[command(name = "itc-load", version)]
struct Args {
	/// The node's JSON-RPC (HTTP).
	#[arg(long, default_value = "http://127.0.0.1:9944")]
	url: String,
	/// What to send.
	#[arg(long, value_enum, default_value = "transfer")]
	workload: Kind,
	/// Extrinsics per second; flat out if not given.
	#[arg(long)]
	rate: Option<f64>,
	/// How long to send, in seconds.
	#[arg(long, default_value_t = 60)]
	duration: u64,
	/// The first seconds, left out of the figures (the pool filling up).
	#[arg(long, default_value_t = 6)]
	warmup: u64,
	/// Accounts that send, in turn. Many, so that each has few transactions waiting: long
	/// nonce chains of one account end up in the pool's future queue, whose limit drops them.
	#[arg(long, default_value_t = 2048)]
	senders: usize,
	/// Submissions in flight at once.
	#[arg(long, default_value_t = 64)]
	concurrency: usize,
	/// Flat out: accepted extrinsics allowed to wait for a block at once (default: what four
	/// blocks hold by the weight model, at most one per sender), so the pool keeps the blocks
	/// full without a backlog it would have to drop.
	#[arg(long)]
	max_waiting: Option<usize>,
	/// How long to wait after the last submission for finality, in seconds.
	#[arg(long, default_value_t = 60)]
	drain: u64,
	/// Processes (node PIDs) whose CPU use over the measured window to report; repeatable.
	#[arg(long = "cpu-pid")]
	cpu_pids: Vec<u32>,
}

/// Whether a refusal means "the pool is full, try again".
fn pool_full(error: &rpc::RpcError) -> bool {
	// 1014: priority too low (replaced), 1016: immediately dropped (the pool is full).
	matches!(error.code, 1014 | 1016) || error.message.contains("limit")
}

#[tokio::main]
async fn main() {
	let args = Args::parse();
	match run(args).await {
		Ok(report) => println!("{}", serde_json::to_string_pretty(&report).expect("serializes")),
		Err(e) => {
			eprintln!("itc-load: {e}");
			std::process::exit(1);
		},
	}
}

async fn run(args: Args) -> Result<report::Report, String> {
	let rpc = rpc::Rpc::new(&args.url)?;
	let (spec_version, transaction_version) = rpc.versions().await.map_err(|e| e.to_string())?;
	let chain = sign::Chain {
		genesis: rpc.genesis().await.map_err(|e| e.to_string())?,
		spec_version,
		transaction_version,
	};
	let tag = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos() as u64);
	eprintln!("itc-load: setting up {} senders for {:?}", args.senders, args.workload);
	let workload = Arc::new(Workload::set_up(&rpc, chain, args.workload, args.senders, tag).await?);

	let normal_limit = report::normal_limit();
	let tracker = track::Tracker::default();
	let stop_following = Arc::new(AtomicBool::new(false));
	let follower = tokio::spawn({
		let (tracker, rpc, stop) = (tracker.clone(), rpc.clone(), stop_following.clone());
		async move { tracker.follow(rpc, normal_limit, stop).await }
	});

	eprintln!(
		"itc-load: sending for {} s at {}",
		args.duration,
		args.rate.map_or("full speed".into(), |r| format!("{r} extrinsics/s"))
	);
	let ceiling = workload.ceiling();
	let started = Instant::now();
	let started_ms = now_ms();
	let cpu_from = tokio::spawn({
		let (pids, warmup) = (args.cpu_pids.clone(), Duration::from_secs(args.warmup));
		async move {
			tokio::time::sleep(warmup).await;
			cpu::sample(&pids)
		}
	});
	let end = started + Duration::from_secs(args.duration);
	let in_flight = Arc::new(Semaphore::new(args.concurrency));
	let retries = Arc::new(AtomicU64::new(0));
	let refusals = Arc::new(Mutex::new(std::collections::BTreeMap::<String, u64>::new()));
	let max_waiting = args
		.max_waiting
		.unwrap_or(4 * ceiling.per_block_by_weight.min(ceiling.per_block_by_length) as usize)
		.min(args.senders);
	let mut k = 0u64;
	while Instant::now() < end {
		if let Some(rate) = args.rate {
			let due = started + Duration::from_secs_f64(k as f64 / rate);
			tokio::time::sleep_until(due.into()).await;
		} else {
			while tracker.waiting() >= max_waiting && Instant::now() < end {
				tokio::time::sleep(Duration::from_millis(10)).await;
			}
		}
		let permit = in_flight.clone().acquire_owned().await.expect("never closed");
		let extrinsic = workload.extrinsic(k);
		let hash = sign::hash(&extrinsic);
		tracker.submitted(hash);
		let (rpc, tracker, retries, refusals) =
			(rpc.clone(), tracker.clone(), retries.clone(), refusals.clone());
		tokio::spawn(async move {
			loop {
				match rpc.submit(&extrinsic).await {
					Ok(()) => tracker.accepted(hash),
					Err(e) if pool_full(&e) && Instant::now() < end => {
						retries.fetch_add(1, Ordering::Relaxed);
						tokio::time::sleep(Duration::from_millis(50)).await;
						continue;
					},
					Err(e) => {
						*refusals
							.lock()
							.expect("not poisoned")
							.entry(e.to_string())
							.or_default() += 1;
					},
				}
				break;
			}
			drop(permit);
		});
		k += 1;
	}
	let sent_for = started.elapsed();
	let cpu = cpu::usage(&cpu_from.await.map_err(|e| e.to_string())?, &cpu::sample(&args.cpu_pids));
	// Let the submissions in flight finish, then wait for finality.
	let _ = in_flight.acquire_many(args.concurrency as u32).await;
	let drain_until = Instant::now() + Duration::from_secs(args.drain);
	while tracker.unfinalized() > 0 && Instant::now() < drain_until {
		tokio::time::sleep(Duration::from_millis(200)).await;
	}
	stop_following.store(true, Ordering::Relaxed);
	let _ = follower.await;

	let refusals = refusals.lock().expect("not poisoned").clone();
	Ok(report::Report::new(report::Inputs {
		args: &args,
		started,
		started_ms,
		sent_for,
		extrinsics: k,
		retries: retries.load(Ordering::Relaxed),
		refusals,
		sent: tracker.sent(),
		blocks: tracker.blocks(),
		ceiling,
		cpu,
	}))
}

fn now_ms() -> u64 {
	SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64)
}
