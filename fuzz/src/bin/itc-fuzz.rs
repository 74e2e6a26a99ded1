//! `itc-fuzz`: the whole-runtime fuzzer's command line.
//!
//! - `itc-fuzz seeded [--seed N] [--inputs N] [--seconds N] [--workers N] [--findings DIR] [--corpus DIR]`
//! - `itc-fuzz replay FILE…` runs inputs (findings, corpus files) with a trace of every call.

use itc_runtime_fuzz::{run, seeded, Coverage};
use std::{path::PathBuf, time::Duration};

fn value(args: &[String], name: &str) -> Option<String> {
	args.iter().position(|a| a == name).and_then(|i| args.get(i + 1).cloned())
}

fn main() {
	let args: Vec<String> = std::env::args().skip(1).collect();
	match args.first().map(String::as_str) {
		Some("seeded") => {
			let num = |name: &str, default: u64| {
				value(&args, name).map_or(default, |v| v.parse().expect("a number"))
			};
			let config = seeded::Config {
				seed: num("--seed", 20_261_207),
				inputs: num("--inputs", 10_000),
				max_time: Duration::from_secs(num("--seconds", 600)),
				workers: num("--workers", 2),
			};
			let report = seeded::run(&config);
			println!("{}", report.summary(&config));
			for (dir, items) in [
				(
					value(&args, "--findings"),
					report.findings.iter().map(|f| &f.0).collect::<Vec<_>>(),
				),
				(value(&args, "--corpus"), report.corpus.iter().collect()),
			] {
				if let Some(dir) = dir {
					std::fs::create_dir_all(&dir).expect("a directory");
					for (i, data) in items.iter().enumerate() {
						std::fs::write(PathBuf::from(&dir).join(format!("{i:05}.bin")), data)
							.expect("written");
					}
				}
			}
			for (_, finding) in &report.findings {
				eprintln!("finding: {finding}");
			}
			std::process::exit(i32::from(!report.findings.is_empty()));
		},
		Some("replay") => {
			let mut failed = false;
			for file in &args[1..] {
				let data = std::fs::read(file).expect("readable");
				println!("== {file}");
				match run(&data, &mut Coverage::default(), true) {
					Ok(stats) => println!("ok: {stats:?}"),
					Err(finding) => {
						failed = true;
						println!("FINDING: {finding}");
					},
				}
			}
			std::process::exit(i32::from(failed));
		},
		_ => {
			eprintln!("usage: itc-fuzz seeded [--seed N] [--inputs N] [--seconds N] [--workers N] [--findings DIR] [--corpus DIR]\n       itc-fuzz replay FILE...");
			std::process::exit(2);
		},
	}
}
