//! A whole-runtime fuzzer for `itc-runtime`.
//!
//! Arbitrary bytes become sequences of signed transactions, DAG anchor proposals, governance
//! calls through sudo and blocks, run through the real runtime's `Executive` (every hook,
//! fees, nonces, weight limits, the call filter). After every block every invariant is
//! checked: each pallet's `try_state`, the fixed supply of 800 M ITC, the books of every
//! account, and where each pallet's held money sits (see [`invariants`]).
//!
//! - [`run`] runs one input; a panic or a broken invariant is a finding.
//! - [`seeded`] is a deterministic greybox loop on stable Rust (CI runs it for a fixed budget).
//! - `fuzz/libfuzzer` runs the same [`run`] under libFuzzer (cargo-fuzz).
//!
//! docs/SECURITY.md ("Fuzzing") says how to run it and what it found.

pub mod actions;
pub mod chain;
pub mod coverage;
pub mod input;
pub mod invariants;
pub mod raw;
pub mod rng;
pub mod seeded;
pub mod world;

pub use coverage::{Coverage, Stats};

/// A finding: an invariant broken after a block, or a panic.
pub type Finding = String;

/// Runs one input from its world, checking every invariant after every block.
///
/// The first byte picks the world (bit 0: three validators instead of one); the rest are
/// actions (`actions`).
pub fn run(data: &[u8], coverage: &mut Coverage, trace: bool) -> Result<Stats, Finding> {
	let mut input = input::Input::new(data);
	let three = input.byte() & 1 == 1;
	let world = world::world(three);
	let mut storage = world.storage.clone();
	let validators = world.validators;
	sp_state_machine::BasicExternalities::execute_with_storage(&mut storage, || {
		let n = itc_runtime::System::block_number();
		chain::open_block(n + 1, chain::now() + itc_primitives::time::SLOT_DURATION);
		let mut ctx = actions::Ctx::new(&mut input, coverage, validators, trace);
		let result = ctx.run();
		let mut stats = ctx.stats;
		stats.inputs = 1;
		result.map(|()| stats)
	})
}

/// [`run`], with a panic turned into a finding.
pub fn run_catching(data: &[u8], coverage: &mut Coverage) -> Result<Stats, Finding> {
	let mut local = Coverage::default();
	let result =
		std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(data, &mut local, false)));
	coverage.merge(&local);
	match result {
		Ok(r) => r,
		Err(panic) => Err(format!(
			"panic: {}",
			panic
				.downcast_ref::<String>()
				.cloned()
				.or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
				.unwrap_or_default()
		)),
	}
}
