//! DAG micro-accounts and anchor proposals by the validators.

use super::{args, Ctx};
use crate::{chain::Outcome, invariants::Violation, world::device_keys};
use frame_support::BoundedVec;
use itc_primitives::anchor::{AnchorSummary, NetChange, RecordCount, SeqRange};
use itc_runtime::{AccountId, DagAccounts, DagAnchor, Runtime, RuntimeCall};
use sp_core::Pair;
use sp_keyring::Sr25519Keyring;
use std::collections::BTreeMap;

/// Lock funds for a device, or (signed by the device account) unlock or withdraw them.
pub fn lock(ctx: &mut Ctx) -> Result<(), Violation> {
	use pallet_dag_accounts::Call as Dag;
	let device = args::device_key(ctx);
	let account = device.key.account();
	let held = DagAccounts::held_through(&account, u32::MAX);
	let (signer, call): (_, RuntimeCall) = match ctx.input.byte() % 4 {
		0 | 1 => {
			let payer = args::actor(ctx);
			let amount = args::amount(ctx, args::free(&payer.account()) / 4);
			(payer, Dag::lock { device: account, amount }.into())
		},
		2 => (&device.signer, Dag::unlock { amount: args::amount(ctx, held) }.into()),
		_ => (&device.signer, Dag::withdraw {}.into()),
	};
	ctx.submit(signer, call).map(|_| ())
}

/// Device accounts the chain knows, in order.
fn device_accounts() -> Vec<AccountId> {
	let mut all: Vec<AccountId> = device_keys()
		.iter()
		.map(|k| k.key.account())
		.filter(|a| pallet_devices::CodeOfAccount::<Runtime>::contains_key(a))
		.collect();
	all.sort();
	all
}

/// A well-formed summary of what could be in the open epoch's batch: DAG payments between
/// funded devices, senders' next sequence numbers, record counts.
fn summary(ctx: &mut Ctx, epoch: u32, deadline: u32) -> AnchorSummary<AccountId> {
	let devices = device_accounts();
	if devices.is_empty() || ctx.input.one_in(8) {
		return AnchorSummary::empty(epoch);
	}
	let pick = |ctx: &mut Ctx| devices[ctx.input.below(devices.len())].clone();
	let mut deltas = BTreeMap::<AccountId, i128>::new();
	for _ in 0..ctx.input.byte() % 3 {
		let debtor = pick(ctx);
		let held = DagAccounts::held_through(&debtor, deadline);
		let amount = match ctx.input.byte() % 4 {
			0 => held.saturating_add(1),
			_ => args::amount(ctx, held).min(held),
		};
		let creditor = pick(ctx);
		let amount = i128::try_from(amount).unwrap_or(i128::MAX / 4);
		*deltas.entry(debtor).or_default() -= amount;
		*deltas.entry(creditor).or_default() += amount;
	}
	let settlement: Vec<_> = deltas
		.into_iter()
		.filter(|(_, d)| *d != 0)
		.map(|(account, delta)| NetChange { account, delta })
		.collect();
	let mut senders = BTreeMap::<AccountId, (u64, u64)>::new();
	for _ in 0..1 + ctx.input.byte() % 3 {
		let account = pick(ctx);
		let next = DagAccounts::next_seq(&account);
		let first = match ctx.input.byte() % 8 {
			0 => next.saturating_sub(1),
			1 => next + 1,
			_ => next,
		};
		senders.insert(account, (first, first + 1 + u64::from(ctx.input.byte() % 3)));
	}
	let senders: Vec<_> = senders
		.into_iter()
		.map(|(account, (first, next))| SeqRange { account, first, next })
		.collect();
	let mut records = BTreeMap::<AccountId, u32>::new();
	for _ in 0..ctx.input.byte() % 3 {
		*records.entry(pick(ctx)).or_default() += 1 + u32::from(ctx.input.byte() % 4);
	}
	let numbers: u64 = senders.iter().map(|s| s.next - s.first).sum();
	let recorded: u32 = records.values().sum();
	let count = (numbers as u32).max(recorded) + u32::from(ctx.input.byte() % 3);
	let records: Vec<_> =
		records.into_iter().map(|(account, records)| RecordCount { account, records }).collect();
	AnchorSummary {
		epoch,
		root: sp_io::hashing::blake2_256(&[ctx.input.byte(); 4]),
		count,
		cid: BoundedVec::truncate_from(b"bafkreifuzzbatch".to_vec()),
		settlement: BoundedVec::truncate_from(settlement),
		records: BoundedVec::truncate_from(records),
		senders: BoundedVec::truncate_from(senders),
	}
}

/// Breaks one rule of a summary's shape.
fn malform(ctx: &mut Ctx, s: &mut AnchorSummary<AccountId>) {
	match ctx.input.byte() % 5 {
		0 => {
			let mut v = s.settlement.to_vec();
			v.reverse();
			s.settlement = BoundedVec::truncate_from(v);
		},
		1 => {
			let mut v = s.settlement.to_vec();
			if let Some(c) = v.first_mut() {
				c.delta += 1;
			}
			s.settlement = BoundedVec::truncate_from(v);
		},
		2 => s.count = u32::MAX,
		3 => s.senders = BoundedVec::new(),
		_ => s.cid = BoundedVec::new(),
	}
}

/// Validators (Aura keys) of this world, and Dave, who is not one.
fn validator_key(ctx: &mut Ctx) -> Sr25519Keyring {
	let keys = [Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie];
	match ctx.input.byte() % 16 {
		0 => Sr25519Keyring::Dave,
		b => keys[usize::from(b) % ctx.validators],
	}
}

/// Proposals for the open epoch by one or more validators (a quorum anchors it).
pub fn propose(ctx: &mut Ctx) -> Result<(), Violation> {
	let Some(window) = pallet_dag_anchor::OpenEpoch::<Runtime>::get() else {
		return ctx.next_block(1);
	};
	let epoch = match ctx.input.byte() % 16 {
		0 => window.epoch + 1,
		1 => window.epoch.saturating_sub(1),
		_ => window.epoch,
	};
	let mut summary = summary(ctx, epoch, window.deadline);
	if ctx.input.one_in(8) {
		malform(ctx, &mut summary);
	}
	let voters = 1 + ctx.input.below(ctx.validators);
	let before = pallet_dag_anchor::Anchors::<Runtime>::contains_key(window.epoch);
	for _ in 0..voters {
		let key = validator_key(ctx);
		let payload = match ctx.input.byte() % 16 {
			0 => DagAnchor::payload_of(&AnchorSummary::empty(epoch + 1)),
			_ => DagAnchor::payload_of(&summary),
		};
		let signature = key.pair().sign(&payload).into();
		let call = pallet_dag_anchor::Call::propose {
			summary: summary.clone(),
			validator: key.public().into(),
			signature,
		};
		if let Outcome::Invalid(_) = ctx.submit_authorized(call) {
			continue;
		}
	}
	if !before && pallet_dag_anchor::Anchors::<Runtime>::contains_key(window.epoch) {
		ctx.stats.anchors += 1;
	}
	Ok(())
}
