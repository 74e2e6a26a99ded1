//! From bytes to transactions: a weighted action language whose arguments are drawn from the
//! live state (ids that exist, devices whose keys the fuzzer holds, amounts near balances),
//! so that deep paths are reached, plus raw SCALE-decoded calls for everything else.

mod args;
mod dag;
mod devices;
pub(crate) mod market;
mod money;

use crate::{
	chain::{self, Outcome, Signer},
	coverage::{Coverage, Stats},
	input::Input,
	invariants::{self, Violation},
	raw,
	world::actors,
};
use itc_primitives::time::SLOT_DURATION;
use itc_runtime::{BlockNumber, RuntimeCall, System};

/// Limits per input, so that one input stays cheap.
pub const MAX_ACTIONS: u64 = 256;
/// Blocks per input at most.
pub const MAX_BLOCKS: u64 = 64;

/// The state of one input's run.
pub struct Ctx<'a, 'b> {
	/// The bytes being read.
	pub input: &'a mut Input<'b>,
	/// Counters.
	pub stats: Stats,
	/// Behaviours reached.
	pub coverage: &'a mut Coverage,
	/// Validators of this world.
	pub validators: usize,
	/// Prints every action and outcome.
	pub trace: bool,
	blocks: u64,
}

impl<'a, 'b> Ctx<'a, 'b> {
	/// A run over `input`.
	pub fn new(
		input: &'a mut Input<'b>,
		coverage: &'a mut Coverage,
		validators: usize,
		trace: bool,
	) -> Self {
		Self { input, stats: Stats::default(), coverage, validators, trace, blocks: 0 }
	}

	/// Signs and applies `call` by `signer`; when the block is full, closes it and tries once
	/// more in the next.
	pub fn submit(&mut self, signer: &Signer, call: RuntimeCall) -> Result<Outcome, Violation> {
		let shift = match self.input.byte() {
			0 => -1,
			1 => 1,
			_ => 0,
		};
		let tip = if self.input.byte() == 0 { u128::from(self.input.u32()) } else { 0 };
		let mut outcome = chain::signed(signer, call.clone(), shift, tip);
		if chain::block_full(&outcome) {
			self.next_block(1)?;
			outcome = chain::signed(signer, call.clone(), shift, tip);
		}
		self.record(&call, &outcome);
		// What the call inside sudo did (sudo itself succeeds whenever the key signed).
		if let (RuntimeCall::Sudo(pallet_sudo::Call::sudo { call: inner }), Outcome::Ok) =
			(&call, &outcome)
		{
			let result = System::read_events_no_consensus()
				.filter_map(|e| match e.event {
					itc_runtime::RuntimeEvent::Sudo(pallet_sudo::Event::Sudid { sudo_result }) => {
						Some(sudo_result)
					},
					_ => None,
				})
				.last();
			if let Some(result) = result {
				let inner_outcome = result.map_or_else(Outcome::Failed, |()| Outcome::Ok);
				self.coverage.call(inner, &inner_outcome);
			}
		}
		Ok(outcome)
	}

	/// Applies an authorized DAG anchor proposal.
	pub fn submit_authorized(
		&mut self,
		call: pallet_dag_anchor::Call<itc_runtime::Runtime>,
	) -> Outcome {
		let outcome = chain::authorized(call.clone());
		self.record(&call.into(), &outcome);
		outcome
	}

	fn record(&mut self, call: &RuntimeCall, outcome: &Outcome) {
		match outcome {
			Outcome::Ok => self.stats.ok += 1,
			Outcome::Failed(_) => self.stats.failed += 1,
			Outcome::Invalid(_) => self.stats.invalid += 1,
		}
		if self.trace {
			println!("  {call:?}\n    -> {outcome:?}");
		}
		self.coverage.call(call, outcome);
	}

	/// Closes the open block, checks every invariant, and opens the next `slots` slots
	/// later.
	pub fn next_block(&mut self, slots: u64) -> Result<(), Violation> {
		self.warp_to(System::block_number() + 1, slots)
	}

	/// Closes the open block, checks every invariant, and opens block `n` `slots` slots
	/// later (blocks in between are skipped: nothing runs in them).
	pub fn warp_to(&mut self, n: BlockNumber, slots: u64) -> Result<(), Violation> {
		self.coverage.events();
		let now = chain::now();
		chain::close_block();
		self.stats.blocks += 1;
		self.blocks += 1;
		if n > System::block_number() + 1 {
			self.stats.warps += 1;
		}
		invariants::check().map_err(|v| format!("after block {}: {v}", System::block_number()))?;
		chain::open_block(n, now + slots.max(1) * SLOT_DURATION);
		if self.trace {
			println!("block {n}");
		}
		Ok(())
	}

	/// Runs actions until the input or a limit ends, then closes the last block.
	pub fn run(&mut self) -> Result<(), Violation> {
		while !self.input.is_empty() && self.stats.actions < MAX_ACTIONS && self.blocks < MAX_BLOCKS
		{
			self.stats.actions += 1;
			self.action()?;
		}
		self.next_block(1)
	}

	fn action(&mut self) -> Result<(), Violation> {
		// Weights out of 1,000: time, money, devices, market, DAG, raw calls.
		const WEIGHTS: [u16; 12] = [90, 25, 15, 110, 40, 110, 150, 60, 90, 90, 60, 160];
		match self.input.weighted(&WEIGHTS) {
			0 => {
				let slots = 1 + u64::from(self.input.byte() % 4);
				self.next_block(slots)
			},
			1 => {
				// A long gap in time in one block: eras and epochs go by; one in eight jumps
				// months ahead (vesting milestones).
				let slots = if self.input.one_in(8) {
					u64::from(1 + self.input.byte() % 13) * itc_primitives::time::MONTH_MS
						/ SLOT_DURATION
				} else {
					5 + u64::from(self.input.u16()) * 4
				};
				self.next_block(slots)
			},
			2 => self.warp(),
			3 => money::transfer(self),
			4 => money::vesting(self),
			5 => money::governance(self),
			6 => market::action(self),
			7 => devices::manufacturer(self),
			8 => devices::action(self),
			9 => dag::lock(self),
			10 => dag::propose(self),
			_ => self.raw(),
		}
	}

	/// Jumps past a deadline: the unlock delay, a delivery or confirmation period, a listing's
	/// expiry, or a day.
	fn warp(&mut self) -> Result<(), Violation> {
		use itc_primitives::time::{DAYS, HOURS};
		let n = System::block_number();
		let ahead = match self.input.byte() % 5 {
			0 => HOURS + 1,
			1 => DAYS + 1,
			2 => 3 * DAYS + 1,
			3 => u32::from(self.input.u16()),
			_ => 1_001,
		};
		// Blocks with queued deadlines on the way are produced, so every hook runs where its
		// work is due.
		let mut due: Vec<BlockNumber> =
			pallet_data_market::Deadlines::<itc_runtime::Runtime>::iter_keys()
				.filter(|b| *b > n && *b < n + ahead)
				.collect();
		due.sort();
		// At most 16 such blocks per warp; the warp then ends at the 17th, so no queued
		// deadline is skipped (a real chain produces every block).
		let stop = due.get(16).copied();
		for b in due.into_iter().take(16) {
			let slots = u64::from(b - System::block_number());
			self.warp_to(b, slots)?;
		}
		let target = stop.unwrap_or(n + ahead).max(System::block_number() + 1);
		let slots = u64::from(target - System::block_number());
		self.warp_to(target, slots)
	}

	/// A call decoded from the input's bytes, sent by any actor (Root only through sudo).
	fn raw(&mut self) -> Result<(), Violation> {
		let len = self.input.below(512);
		let bytes = self.input.bytes(len);
		let Some(call) = raw::decode(bytes) else { return Ok(()) };
		self.stats.raw += 1;
		if !raw::allowed(&call) {
			self.stats.filtered += 1;
			return Ok(());
		}
		let signer = args::actor(self);
		self.submit(signer, call).map(|_| ())
	}
}

/// The actor at `index`.
pub fn actor(index: usize) -> &'static Signer {
	&actors()[index]
}
