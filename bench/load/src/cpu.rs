//! CPU use of processes (the nodes under load), from `/proc/<pid>/stat`.

use std::time::Instant;

/// A process's CPU time at an instant.
#[derive(Clone, Copy)]
pub struct Sample {
	pid: u32,
	at: Instant,
	/// User + system time, seconds.
	seconds: f64,
}

/// CPU use over a window.
#[derive(Clone, Copy, Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Usage {
	/// The process.
	pub pid: u32,
	/// CPU time ÷ wall time, in % of one core (200 % = both cores of this machine).
	pub percent_of_a_core: f64,
}

/// User + system clock ticks in a `/proc/<pid>/stat` line.
fn ticks(stat: &str) -> Option<u64> {
	// The fields after the command name, which is in parentheses and may hold spaces.
	let rest = stat.get(stat.rfind(')')? + 2..)?;
	let fields: Vec<&str> = rest.split_whitespace().collect();
	// utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
	Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
}

/// User + system seconds of `pid`, if it runs.
fn cpu_seconds(pid: u32) -> Option<f64> {
	let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
	// SAFETY: sysconf only reads a constant of the system.
	let per_second = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as f64;
	Some(ticks(&stat)? as f64 / per_second)
}

/// A sample of every process in `pids` that runs.
pub fn sample(pids: &[u32]) -> Vec<Sample> {
	let at = Instant::now();
	pids.iter().filter_map(|&pid| Some(Sample { pid, at, seconds: cpu_seconds(pid)? })).collect()
}

/// The use between two samples of the same processes.
pub fn usage(from: &[Sample], to: &[Sample]) -> Vec<Usage> {
	from.iter()
		.filter_map(|a| {
			let b = to.iter().find(|b| b.pid == a.pid)?;
			let wall = b.at.duration_since(a.at).as_secs_f64();
			(wall > 0.0).then(|| Usage {
				pid: a.pid,
				percent_of_a_core: (b.seconds - a.seconds) / wall * 100.0,
			})
		})
		.collect()
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn stat_lines_give_user_plus_system_ticks() {
		let line =
			"4242 (itc-node worker) S 1 4242 4242 0 -1 4194560 100 0 0 0 1500 250 0 0 20 0 9";
		assert_eq!(ticks(line), Some(1_750));
		assert_eq!(ticks("garbage"), None);
		assert_eq!(ticks("1 (x) S 1 2"), None);
	}

	#[test]
	fn this_process_uses_some_cpu_and_gone_ones_are_skipped() {
		let me = std::process::id();
		let from = sample(&[me, u32::MAX]);
		assert_eq!(from.len(), 1, "a PID that does not run is left out");
		// Busy for 200 ms: 20 clock ticks at the usual 100 Hz.
		let (start, mut x) = (Instant::now(), 0u64);
		while start.elapsed().as_millis() < 200 {
			x = std::hint::black_box(x.wrapping_mul(31).wrapping_add(1));
		}
		let used = usage(&from, &sample(&[me]));
		assert_eq!(used.len(), 1);
		assert!(used[0].percent_of_a_core > 0.0 && used[0].percent_of_a_core < 400.0);
	}
}
