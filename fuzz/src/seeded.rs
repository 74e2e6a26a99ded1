//! A deterministic greybox loop on stable Rust: inputs from a seeded generator, kept in a
//! corpus when they reach a new behaviour (a new call outcome or event), mutated further.
//!
//! Input `i` of worker `w` depends only on the seed, `w`, `i` and the inputs before it, never
//! on time: a run replays from its seed (a time cap can only end it sooner).

use crate::{rng::SplitMix as Rng, run_catching, Coverage, Finding, Stats};
use crypto_box::aead::rand_core::RngCore;
use std::time::{Duration, Instant};

/// What to run.
#[derive(Clone, Debug)]
pub struct Config {
	/// The seed.
	pub seed: u64,
	/// Inputs per worker.
	pub inputs: u64,
	/// Stop early after this long.
	pub max_time: Duration,
	/// Workers (threads), each with its own corpus.
	pub workers: u64,
}

/// What a run did.
#[derive(Debug, Default)]
pub struct Report {
	/// Counters, all workers.
	pub stats: Stats,
	/// Behaviours reached, all workers.
	pub coverage: Coverage,
	/// Inputs that broke an invariant or panicked, with what happened.
	pub findings: Vec<(Vec<u8>, Finding)>,
	/// Corpus entries kept (inputs that reached something new).
	pub corpus: Vec<Vec<u8>>,
	/// Wall time.
	pub elapsed: Duration,
	/// Whether the time cap ended the run before the input budget.
	pub timed_out: bool,
}

/// A mutation of `base`: flips, overwrites, inserts, splices with `other`, truncation.
fn mutate(rng: &mut Rng, base: &[u8], other: &[u8]) -> Vec<u8> {
	let mut out = base.to_vec();
	for _ in 0..1 + rng.below(4) {
		let at = rng.below(out.len().max(1));
		match rng.below(5) {
			0 if !out.is_empty() => out[at] ^= 1 << rng.below(8),
			1 if !out.is_empty() => out[at] = rng.next_u64() as u8,
			2 => {
				let n = 1 + rng.below(32);
				let bytes = rng.bytes(n);
				out.splice(at.min(out.len())..at.min(out.len()), bytes);
			},
			3 if !other.is_empty() => {
				let from = rng.below(other.len());
				out.truncate(at);
				out.extend_from_slice(&other[from..]);
			},
			_ => out.truncate(at.max(8)),
		}
	}
	out.truncate(4_096);
	out
}

fn worker(config: &Config, w: u64, deadline: Instant) -> Report {
	let mut report = Report::default();
	let mut rng = Rng(config.seed ^ (w << 48) ^ 0x1c_c0de);
	for _ in 0..config.inputs {
		if Instant::now() >= deadline {
			report.timed_out = true;
			break;
		}
		let data = if report.corpus.is_empty() || rng.below(10) < 4 {
			let n = 64 + rng.below(4_032);
			rng.bytes(n)
		} else {
			let a = rng.below(report.corpus.len());
			let b = rng.below(report.corpus.len());
			mutate(&mut rng, &report.corpus[a], &report.corpus[b])
		};
		let before = (report.coverage.outcomes.len(), report.coverage.events.len());
		match run_catching(&data, &mut report.coverage) {
			Ok(stats) => report.stats.add(&stats),
			Err(finding) => {
				report.stats.inputs += 1;
				report.findings.push((data.clone(), finding));
			},
		}
		if (report.coverage.outcomes.len(), report.coverage.events.len()) != before
			&& report.corpus.len() < 1_024
		{
			report.corpus.push(data);
		}
	}
	report
}

/// Runs `config.workers` workers in parallel and merges what they found.
pub fn run(config: &Config) -> Report {
	let started = Instant::now();
	let deadline = started + config.max_time;
	// Build the worlds once, before the workers start.
	let _ = (crate::world::world(false), crate::world::world(true));
	let reports: Vec<Report> = std::thread::scope(|s| {
		let handles: Vec<_> = (0..config.workers)
			.map(|w| {
				std::thread::Builder::new()
					.stack_size(64 << 20)
					.spawn_scoped(s, move || worker(config, w, deadline))
					.expect("a thread")
			})
			.collect();
		handles.into_iter().map(|h| h.join().expect("workers catch panics")).collect()
	});
	let mut total = Report::default();
	for r in reports {
		total.stats.add(&r.stats);
		total.coverage.merge(&r.coverage);
		total.findings.extend(r.findings);
		total.corpus.extend(r.corpus);
		total.timed_out |= r.timed_out;
	}
	total.elapsed = started.elapsed();
	total
}

impl Report {
	/// A human summary.
	pub fn summary(&self, config: &Config) -> String {
		let s = &self.stats;
		let secs = self.elapsed.as_secs_f64().max(1e-9);
		let (ok_calls, all) = self.coverage.calls_ok();
		let (tried, _) = self.coverage.calls_tried();
		let (events, all_events) = self.coverage.events_seen();
		format!(
			"itc-fuzz seeded: seed {}, {} workers, {} inputs in {:.1} s{}, {} findings\n\
			 executed: {} actions | {} transactions (ok {}, call failed {}, invalid {}) | {} raw calls ({} filtered)\n\
			 \x20         {} blocks ({} warps), every invariant checked after each | {} epochs anchored\n\
			 rate:     {:.0} inputs/s, {:.0} transactions/s, {:.0} blocks/s\n\
			 coverage: calls {tried}/{all} attempted, {ok_calls}/{all} Ok | {} distinct error outcomes | events {events}/{all_events} | corpus {}\n\
			 never Ok: {}",
			config.seed,
			config.workers,
			s.inputs,
			secs,
			if self.timed_out { " (time cap)" } else { "" },
			self.findings.len(),
			s.actions,
			s.transactions(),
			s.ok,
			s.failed,
			s.invalid,
			s.raw,
			s.filtered,
			s.blocks,
			s.warps,
			s.anchors,
			s.inputs as f64 / secs,
			s.transactions() as f64 / secs,
			s.blocks as f64 / secs,
			self.coverage.errors(),
			self.corpus.len(),
			self.coverage.never_ok().join(", "),
		)
	}
}
