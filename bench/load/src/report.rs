//! The figures of a run, as JSON.

use crate::{
	track::{BlockSeen, Sent},
	Args,
};
use frame_support::dispatch::DispatchClass;
use serde::Serialize;
use std::{
	collections::BTreeMap,
	time::{Duration, Instant},
};

/// The normal-class weight limit of a block (ref time, picoseconds).
pub fn normal_limit() -> u64 {
	let weights = <itc_runtime::Runtime as frame_system::Config>::BlockWeights::get();
	let normal = weights.get(DispatchClass::Normal);
	normal.max_total.unwrap_or(weights.max_block).ref_time()
}

/// Percentiles of a set of durations, in ms.
#[derive(Serialize, Default)]
pub struct Spread {
	/// How many.
	pub count: usize,
	/// Median.
	pub p50: f64,
	/// 90th percentile.
	pub p90: f64,
	/// 99th percentile.
	pub p99: f64,
	/// Largest.
	pub max: f64,
}

impl Spread {
	fn of(mut values: Vec<f64>) -> Self {
		if values.is_empty() {
			return Self::default();
		}
		values.sort_by(f64::total_cmp);
		let at = |q: f64| values[((values.len() - 1) as f64 * q).round() as usize];
		Self { count: values.len(), p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1.0) }
	}
}

/// Throughput over the measured window, from the blocks' timestamps.
#[derive(Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Throughput {
	/// The run's extrinsics per second of chain time.
	pub extrinsics_per_second: f64,
	/// Items (transfers, devices) per second.
	pub items_per_second: f64,
	/// Blocks in the window.
	pub blocks: usize,
	/// Chain time the window covers, ms.
	pub span_ms: u64,
	/// Mean normal-class fullness of those blocks (1.0 = the weight limit).
	pub mean_fullness: f64,
	/// Mean time between those blocks, ms.
	pub mean_block_time_ms: f64,
}

/// A run's report.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
	/// What was sent.
	pub workload: crate::workload::Kind,
	/// Items per extrinsic.
	pub items_per_extrinsic: u32,
	/// Extrinsics per second asked for; `null` for flat out.
	pub offered_rate: Option<f64>,
	/// Seconds of sending.
	pub duration_s: f64,
	/// Seconds left out at the start.
	pub warmup_s: u64,
	/// Sending accounts.
	pub senders: usize,
	/// Extrinsics submitted.
	pub submitted: u64,
	/// Submitted per second.
	pub submit_rate: f64,
	/// Taken by the pool.
	pub accepted: usize,
	/// Submissions repeated because the pool was full.
	pub pool_full_retries: u64,
	/// Refusals, by message.
	pub refusals: BTreeMap<String, u64>,
	/// Accepted but not seen in a finalized block when the drain ended (after a flat-out run:
	/// the pool's backlog, still being worked through).
	pub not_finalized: usize,
	/// Throughput in the window.
	pub throughput: Throughput,
	/// What the weights and block limits allow.
	pub ceiling: crate::workload::Ceiling,
	/// Measured throughput ÷ the ceiling.
	pub ratio_to_ceiling: f64,
	/// CPU use of the `--cpu-pid` processes over the window.
	pub cpu: Vec<crate::cpu::Usage>,
	/// Submit → first seen in a best block, ms (extrinsics submitted in the window).
	pub inclusion_ms: Spread,
	/// Submit → first seen in a finalized block, ms.
	pub finality_ms: Spread,
	/// Best − finalized block number when each block of the window was first seen.
	pub finality_lag_blocks: Spread,
	/// Every block seen.
	pub blocks: Vec<BlockSeen>,
}

/// What a report is made from.
pub struct Inputs<'a> {
	pub args: &'a Args,
	pub started: Instant,
	pub started_ms: u64,
	pub sent_for: Duration,
	pub extrinsics: u64,
	pub retries: u64,
	pub refusals: BTreeMap<String, u64>,
	pub sent: Vec<Sent>,
	pub blocks: Vec<BlockSeen>,
	pub ceiling: crate::workload::Ceiling,
	pub cpu: Vec<crate::cpu::Usage>,
}

impl Report {
	/// The figures of `inputs`.
	pub fn new(inputs: Inputs) -> Self {
		let Inputs {
			args,
			started,
			started_ms,
			sent_for,
			extrinsics,
			retries,
			refusals,
			sent,
			blocks,
			ceiling,
			cpu,
		} = inputs;
		let warmup = Duration::from_secs(args.warmup);
		let in_window = |s: &Sent| {
			s.submitted.is_some_and(|t| t >= started + warmup && t <= started + sent_for)
		};
		let since = |s: &Sent, t: Option<Instant>| {
			Some(t?.duration_since(s.submitted?).as_secs_f64() * 1_000.0)
		};
		let measured: Vec<&Sent> = sent.iter().filter(|s| in_window(s)).collect();
		let inclusion = measured.iter().filter_map(|s| since(s, s.included)).collect();
		let finality = measured.iter().filter_map(|s| since(s, s.finalized)).collect();

		let (from_ms, to_ms) =
			(started_ms + warmup.as_millis() as u64, started_ms + sent_for.as_millis() as u64);
		let window: Vec<&BlockSeen> =
			blocks.iter().filter(|b| b.timestamp_ms > from_ms && b.timestamp_ms <= to_ms).collect();
		let before = window
			.first()
			.and_then(|first| blocks.iter().rev().find(|b| b.number + 1 == first.number));
		let throughput = match (before, window.last()) {
			(Some(before), Some(last)) if last.timestamp_ms > before.timestamp_ms => {
				let span_ms = last.timestamp_ms - before.timestamp_ms;
				let ours: u64 = window.iter().map(|b| u64::from(b.ours)).sum();
				let per_second = ours as f64 * 1_000.0 / span_ms as f64;
				Throughput {
					extrinsics_per_second: per_second,
					items_per_second: per_second * f64::from(args.workload.items()),
					blocks: window.len(),
					span_ms,
					mean_fullness: window.iter().map(|b| b.normal_fullness).sum::<f64>()
						/ window.len() as f64,
					mean_block_time_ms: span_ms as f64 / window.len() as f64,
				}
			},
			_ => Throughput::default(),
		};
		let lag = window.iter().map(|b| f64::from(b.lag)).collect();
		Report {
			workload: args.workload,
			items_per_extrinsic: args.workload.items(),
			offered_rate: args.rate,
			duration_s: sent_for.as_secs_f64(),
			warmup_s: args.warmup,
			senders: args.senders,
			submitted: extrinsics,
			submit_rate: extrinsics as f64 / sent_for.as_secs_f64(),
			accepted: sent.iter().filter(|s| s.accepted).count(),
			pool_full_retries: retries,
			refusals,
			not_finalized: sent.iter().filter(|s| s.accepted && s.finalized.is_none()).count(),
			ratio_to_ceiling: throughput.extrinsics_per_second / ceiling.extrinsics_per_second,
			throughput,
			ceiling,
			cpu,
			inclusion_ms: Spread::of(inclusion),
			finality_ms: Spread::of(finality),
			finality_lag_blocks: Spread::of(lag),
			blocks,
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn percentiles_are_nearest_rank() {
		let spread = Spread::of((1..=100).map(f64::from).collect());
		assert_eq!(
			(spread.count, spread.p50, spread.p90, spread.p99, spread.max),
			(100, 51.0, 90.0, 99.0, 100.0)
		);
		assert_eq!(Spread::of(vec![]).count, 0);
		assert_eq!(Spread::of(vec![7.0]).p99, 7.0);
	}

	#[test]
	fn the_normal_limit_is_three_quarters_of_a_second() {
		assert_eq!(normal_limit(), 750_000_000_000);
	}
}
