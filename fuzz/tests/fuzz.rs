//! The fuzzer against the real runtime: its worlds keep every invariant, a short seeded run
//! reaches deep paths with no finding, and (ignored, run by CI's own step) the seeded run of
//! a fixed budget.

use itc_runtime_fuzz::{run, seeded, Coverage};
use std::time::Duration;

#[test]
fn both_worlds_run_empty_blocks_keeping_every_invariant() {
	for header in [0u8, 1] {
		// Header, then twenty "next block" actions (weight table index 0: a u16 below 90).
		let mut data = vec![header];
		for _ in 0..20 {
			data.extend_from_slice(&[0, 0, 0]);
		}
		let stats = run(&data, &mut Coverage::default(), false).expect("no finding");
		assert_eq!(stats.blocks, 21);
	}
}

/// Runs `break_it` in the one-validator world and returns the violation the check reports.
fn violation_after(break_it: impl FnOnce()) -> String {
	let mut storage = itc_runtime_fuzz::world::world(false).storage.clone();
	sp_state_machine::BasicExternalities::execute_with_storage(&mut storage, || {
		assert_eq!(itc_runtime_fuzz::invariants::check(), Ok(()));
		break_it();
		itc_runtime_fuzz::invariants::check().expect_err("the check must catch it")
	})
}

#[test]
fn the_check_catches_a_coin_minted_held_or_reserved_outside_the_rules() {
	use frame_support::traits::{
		fungible::{Mutate, MutateHold},
		ReservableCurrency,
	};
	let alice = sp_keyring::Sr25519Keyring::Alice.to_account_id();
	let minted = violation_after(|| {
		itc_runtime::Balances::mint_into(&alice, 1).unwrap();
	});
	assert!(minted.contains("fixed supply"), "{minted}");
	let held = violation_after(|| {
		let escrow = pallet_data_market::HoldReason::Escrow.into();
		itc_runtime::Balances::hold(&escrow, &alice, 1).unwrap();
	});
	assert!(held.contains("off its pot"), "{held}");
	let reserved = violation_after(|| {
		itc_runtime::Balances::reserve(&alice, 1).unwrap();
	});
	assert!(reserved.contains("holds and deposits"), "{reserved}");
}

fn short_run(seed: u64, inputs: u64) -> seeded::Report {
	let config = seeded::Config { seed, inputs, max_time: Duration::from_secs(600), workers: 2 };
	let report = seeded::run(&config);
	println!("{}", report.summary(&config));
	report
}

#[test]
fn a_short_seeded_run_goes_deep_and_finds_nothing() {
	let report = short_run(7, 150);
	for (data, finding) in &report.findings {
		eprintln!("finding ({} bytes): {finding}", data.len());
	}
	assert!(report.findings.is_empty());
	let s = &report.stats;
	assert_eq!(s.inputs, 300);
	assert!(s.blocks >= 300 && s.ok >= 1_000, "{s:?}");
	// Deep paths: purchases settled, epochs anchored, devices claimed by the fuzzer.
	let ok = |pallet: &str, call: &str| {
		report.coverage.outcomes.iter().any(|o| o.0 == pallet && o.1 == call && o.2 == "Ok")
	};
	for (pallet, call) in [
		("Balances", "transfer_allow_death"),
		("DataMarket", "buy"),
		("DataMarket", "deliver"),
		("DagAccounts", "lock"),
		("DagAnchor", "propose"),
		("Sudo", "sudo"),
	] {
		assert!(ok(pallet, call), "{pallet}.{call} never succeeded");
	}
	assert!(s.anchors > 0, "no epoch anchored");
}

#[test]
fn a_seeded_run_replays_exactly() {
	let a = short_run(11, 20);
	let b = short_run(11, 20);
	assert_eq!(format!("{:?}", a.stats), format!("{:?}", b.stats));
	assert_eq!(a.coverage.outcomes, b.coverage.outcomes);
	assert_eq!(a.corpus, b.corpus);
}

/// CI's fuzzing step: `ITC_FUZZ_INPUTS` inputs per worker (two workers) from `ITC_FUZZ_SEED`,
/// capped at `ITC_FUZZ_SECONDS`; fails on any finding and writes it to
/// `$CARGO_TARGET_DIR/fuzz-findings/` for `itc-fuzz replay`.
#[test]
#[ignore = "CI's fuzzing step runs it on its own (scripts/test.sh)"]
fn seeded_fuzz_ci() {
	let env = |name: &str, default: u64| {
		std::env::var(name).ok().map_or(default, |v| v.parse().expect("a number"))
	};
	let config = seeded::Config {
		seed: env("ITC_FUZZ_SEED", 20_261_207),
		inputs: env("ITC_FUZZ_INPUTS", 8_000),
		max_time: Duration::from_secs(env("ITC_FUZZ_SECONDS", 240)),
		workers: 2,
	};
	let report = seeded::run(&config);
	println!("{}", report.summary(&config));
	if !report.findings.is_empty() {
		let dir = std::path::PathBuf::from(
			std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into()),
		)
		.join("fuzz-findings");
		std::fs::create_dir_all(&dir).unwrap();
		for (i, (data, finding)) in report.findings.iter().enumerate() {
			let file = dir.join(format!("{}-{i}.bin", config.seed));
			std::fs::write(&file, data).unwrap();
			eprintln!("finding: {finding}\n  replay: scripts/fuzz.sh replay {}", file.display());
		}
		panic!("{} findings", report.findings.len());
	}
}
