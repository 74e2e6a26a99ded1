//! What the runtime did: counters, and the sets of (call, outcome) pairs and events reached.
//!
//! Source coverage needs llvm tools this machine does not have, so coverage is semantic, with
//! denominators from the runtime's own metadata: calls that exist, events that exist.

use crate::chain::Outcome;
use codec::Encode;
use frame_support::traits::GetCallMetadata;
use itc_runtime::{Runtime, RuntimeCall, RuntimeEvent};
use std::collections::BTreeSet;

/// Counters of one run.
#[derive(Clone, Debug, Default)]
pub struct Stats {
	/// Inputs run.
	pub inputs: u64,
	/// Actions decoded.
	pub actions: u64,
	/// Transactions included and successful.
	pub ok: u64,
	/// Transactions included whose call failed.
	pub failed: u64,
	/// Transactions dropped as invalid.
	pub invalid: u64,
	/// Raw calls decoded from bytes.
	pub raw: u64,
	/// Raw calls the filter refused.
	pub filtered: u64,
	/// Blocks finalized (each checked by every invariant).
	pub blocks: u64,
	/// Warps over empty stretches of blocks.
	pub warps: u64,
	/// Epochs anchored.
	pub anchors: u64,
}

impl Stats {
	/// Adds `other`'s counters.
	pub fn add(&mut self, other: &Stats) {
		self.inputs += other.inputs;
		self.actions += other.actions;
		self.ok += other.ok;
		self.failed += other.failed;
		self.invalid += other.invalid;
		self.raw += other.raw;
		self.filtered += other.filtered;
		self.blocks += other.blocks;
		self.warps += other.warps;
		self.anchors += other.anchors;
	}

	/// Transactions applied (included or not).
	pub fn transactions(&self) -> u64 {
		self.ok + self.failed + self.invalid
	}
}

/// Distinct behaviours reached.
#[derive(Clone, Debug, Default)]
pub struct Coverage {
	/// (pallet name, call name, outcome) triples.
	pub outcomes: BTreeSet<(String, String, String)>,
	/// (pallet index, event index) pairs.
	pub events: BTreeSet<(u8, u8)>,
}

impl Coverage {
	/// Records what became of `call`.
	pub fn call(&mut self, call: &RuntimeCall, outcome: &Outcome) -> bool {
		let meta = call.get_call_metadata();
		let outcome = match outcome {
			Outcome::Ok => "Ok".to_string(),
			Outcome::Failed(e) => error_name(e),
			Outcome::Invalid(e) => format!("Invalid({e:?})"),
		};
		self.outcomes.insert((meta.pallet_name.into(), meta.function_name.into(), outcome))
	}

	/// Records the events of the open block; whether any was new.
	pub fn events(&mut self) -> bool {
		let mut new = false;
		for record in frame_system::Pallet::<Runtime>::read_events_no_consensus() {
			let bytes = record.event.encode();
			new |= self.events.insert((bytes[0], bytes[1]));
		}
		new
	}

	/// Adds `other`'s sets.
	pub fn merge(&mut self, other: &Coverage) {
		self.outcomes.extend(other.outcomes.iter().cloned());
		self.events.extend(other.events.iter().copied());
	}

	/// Calls that returned Ok at least once, of all calls the runtime has.
	pub fn calls_ok(&self) -> (usize, usize) {
		let ok: BTreeSet<_> =
			self.outcomes.iter().filter(|o| o.2 == "Ok").map(|o| (&o.0, &o.1)).collect();
		(ok.len(), all_calls().len())
	}

	/// Calls attempted, of all calls.
	pub fn calls_tried(&self) -> (usize, usize) {
		let tried: BTreeSet<_> = self.outcomes.iter().map(|o| (&o.0, &o.1)).collect();
		(tried.len(), all_calls().len())
	}

	/// Calls never Ok.
	pub fn never_ok(&self) -> Vec<String> {
		let ok: BTreeSet<(String, String)> = self
			.outcomes
			.iter()
			.filter(|o| o.2 == "Ok")
			.map(|o| (o.0.clone(), o.1.clone()))
			.collect();
		all_calls()
			.into_iter()
			.filter(|c| !ok.contains(c))
			.map(|(p, c)| format!("{p}.{c}"))
			.collect()
	}

	/// Events seen, of all events the runtime has.
	pub fn events_seen(&self) -> (usize, usize) {
		(self.events.len(), all_events())
	}

	/// Distinct error outcomes (module errors, token and arithmetic errors, invalid
	/// transactions).
	pub fn errors(&self) -> usize {
		self.outcomes.iter().filter(|o| o.2 != "Ok").count()
	}
}

/// Every (pallet, call) of the runtime.
pub fn all_calls() -> Vec<(String, String)> {
	let mut calls = Vec::new();
	for pallet in RuntimeCall::get_module_names() {
		for call in RuntimeCall::get_call_names(pallet) {
			calls.push((pallet.to_string(), call.to_string()));
		}
	}
	calls
}

/// How many event variants the runtime has.
fn all_events() -> usize {
	use scale_info::{TypeDef, TypeInfo};
	let mut registry = scale_info::Registry::new();
	let id = registry.register_type(&scale_info::meta_type::<RuntimeEvent>());
	let portable: scale_info::PortableRegistry = registry.into();
	let variants = |id: u32| match &portable.resolve(id).map(|t| &t.type_def) {
		Some(TypeDef::Variant(v)) => {
			v.variants.iter().map(|v| v.fields.first().map(|f| f.ty.id)).collect()
		},
		_ => Vec::new(),
	};
	let _ = RuntimeEvent::type_info;
	variants(id.id).into_iter().flatten().map(|inner| variants(inner).len()).sum()
}

/// A dispatch error named by its pallet and variant.
fn error_name(e: &sp_runtime::DispatchError) -> String {
	match e {
		sp_runtime::DispatchError::Module(m) => {
			let named = itc_runtime::RuntimeError::from_dispatch_error(*e);
			match named {
				Some(err) => format!("{err:?}"),
				None => format!("Module({}, {:?})", m.index, m.error),
			}
		},
		other => format!("{other:?}"),
	}
}
