//! Balances, vesting, multisig, batches and governance (Root through sudo).

use super::{actor, args, Ctx};
use crate::{
	chain::address,
	invariants::Violation,
	world::{actors, who},
};
use frame_support::BoundedVec;
use itc_primitives::{time::MONTH_MS, token::ITC, WallClock};
use itc_runtime::{accounts, Runtime, RuntimeCall};
use pallet_balances::Call as Balances;

/// A transfer, a batch of transfers, or a multisig step.
pub fn transfer(ctx: &mut Ctx) -> Result<(), Violation> {
	let signer = args::signer(ctx);
	let from = signer.account();
	let dest = address(&args::account(ctx));
	let value = args::amount(ctx, args::free(&from));
	let call: RuntimeCall = match ctx.input.byte() % 8 {
		0..=2 => Balances::transfer_allow_death { dest, value }.into(),
		3..=4 => Balances::transfer_keep_alive { dest, value }.into(),
		5 => Balances::transfer_all { dest, keep_alive: ctx.input.flag() }.into(),
		6 => return batch(ctx, signer),
		_ => return multisig(ctx),
	};
	ctx.submit(signer, call).map(|_| ())
}

/// `Utility.batch*` of a few transfers and DAG locks by one signer.
fn batch(ctx: &mut Ctx, signer: &'static crate::chain::Signer) -> Result<(), Violation> {
	let n = 1 + ctx.input.byte() % 4;
	let mut calls = Vec::new();
	for _ in 0..n {
		let dest = address(&args::account(ctx));
		let value = args::amount(ctx, args::free(&signer.account()) / 2);
		calls.push(if ctx.input.flag() {
			Balances::transfer_allow_death { dest, value }.into()
		} else {
			let device = args::device_key(ctx).key.account();
			pallet_dag_accounts::Call::lock { device, amount: value }.into()
		});
	}
	let call: RuntimeCall = match ctx.input.byte() % 3 {
		0 => pallet_utility::Call::batch { calls }.into(),
		1 => pallet_utility::Call::batch_all { calls }.into(),
		_ => pallet_utility::Call::force_batch { calls }.into(),
	};
	ctx.submit(signer, call).map(|_| ())
}

/// The 2-of-3 multisig of Alice, Bob and Charlie: open, approve, execute or cancel a transfer
/// out of it.
fn multisig(ctx: &mut Ctx) -> Result<(), Violation> {
	let members = [who::ALICE, who::BOB, who::CHARLIE];
	let me = members[ctx.input.below(3)];
	let mut others: Vec<_> =
		members.iter().filter(|m| **m != me).map(|m| actors()[*m].account()).collect();
	others.sort();
	let mut all = others.clone();
	all.push(actors()[me].account());
	all.sort();
	let multi = pallet_multisig::Pallet::<Runtime>::multi_account_id(&all, 2);
	let value = args::amount(ctx, args::free(&multi));
	let inner: RuntimeCall =
		Balances::transfer_allow_death { dest: address(&args::account(ctx)), value }.into();
	let hash = sp_io::hashing::blake2_256(&codec::Encode::encode(&inner));
	let timepoint = pallet_multisig::Multisigs::<Runtime>::get(&multi, hash).map(|m| m.when);
	let call: RuntimeCall = match ctx.input.byte() % 5 {
		0 => Balances::transfer_keep_alive {
			dest: address(&multi),
			value: args::amount(ctx, 10 * ITC),
		}
		.into(),
		1 | 2 => pallet_multisig::Call::as_multi {
			threshold: 2,
			other_signatories: others,
			maybe_timepoint: timepoint,
			call: Box::new(inner),
			max_weight: frame_support::weights::Weight::from_parts(1_000_000_000, 100_000),
		}
		.into(),
		3 => pallet_multisig::Call::approve_as_multi {
			threshold: 2,
			other_signatories: others,
			maybe_timepoint: timepoint,
			call_hash: hash,
			max_weight: frame_support::weights::Weight::zero(),
		}
		.into(),
		_ => pallet_multisig::Call::cancel_as_multi {
			threshold: 2,
			other_signatories: others,
			timepoint: timepoint.unwrap_or_default(),
			call_hash: hash,
		}
		.into(),
	};
	ctx.submit(actor(me), call).map(|_| ())
}

/// Milestones from now: due, next month, at the horizon, past it.
fn milestones(ctx: &mut Ctx) -> pallet_token_vesting::MilestonesOf<Runtime> {
	let elapsed = itc_runtime::ChainClock::elapsed_ms();
	let n = 1 + ctx.input.byte() % 4;
	let mut out = Vec::new();
	for _ in 0..n {
		let at = match ctx.input.byte() % 5 {
			0 => elapsed,
			1 => elapsed + MONTH_MS,
			2 => elapsed + 60 * MONTH_MS,
			3 => elapsed + 60 * MONTH_MS + 1,
			_ => ctx.input.u64(),
		};
		let amount = args::amount(ctx, 100 * ITC);
		out.push(pallet_token_vesting::Milestone { at, amount });
	}
	BoundedVec::truncate_from(out)
}

/// Vesting: vest, vest for another, grant a schedule.
pub fn vesting(ctx: &mut Ctx) -> Result<(), Violation> {
	use pallet_token_vesting::Call as Vesting;
	let signer = args::actor(ctx);
	let call: RuntimeCall = match ctx.input.byte() % 4 {
		0 => Vesting::vest {}.into(),
		1 => Vesting::vest_other { target: address(&actors()[who::FERDIE].account()) }.into(),
		2 => Vesting::vest_other { target: address(&args::account(ctx)) }.into(),
		_ => Vesting::vested_transfer {
			dest: address(&args::account(ctx)),
			milestones: milestones(ctx),
		}
		.into(),
	};
	ctx.submit(signer, call).map(|_| ())
}

/// A governance call through sudo by Alice (one in sixteen by someone else: refused).
pub fn governance(ctx: &mut Ctx) -> Result<(), Violation> {
	use pallet_devices::Call as Devices;
	use pallet_manufacturers::Call as Manufacturers;
	let next = pallet_manufacturers::NextManufacturerId::<Runtime>::get();
	let id = args::id(ctx, next);
	let inner: RuntimeCall = match ctx.input.byte() % 12 {
		0 => Manufacturers::approve { id, quota: u32::from(ctx.input.byte()) }.into(),
		1 => Manufacturers::freeze { id }.into(),
		2 => Manufacturers::release { id }.into(),
		3 => Manufacturers::retire { id }.into(),
		4 => {
			if ctx.input.flag() {
				Manufacturers::set_quota { id, quota: u32::from(ctx.input.byte()) }.into()
			} else {
				Manufacturers::slash { id, amount: args::amount(ctx, 1_500 * ITC) }.into()
			}
		},
		5 => Devices::suspend {
			code: args::code(ctx),
			reason: itc_primitives::device::ChangeReason::Fraud,
		}
		.into(),
		6 => Devices::reinstate {
			code: args::code(ctx),
			reason: itc_primitives::device::ChangeReason::Resolved,
		}
		.into(),
		7 => Devices::decommission {
			code: args::code(ctx),
			reason: itc_primitives::device::ChangeReason::Recall,
		}
		.into(),
		8 => pallet_edge_mining::Call::set_class_weight {
			manufacturer: id,
			model: BoundedVec::truncate_from(if ctx.input.flag() {
				b"sensor-a".to_vec()
			} else {
				b"meter-c".to_vec()
			}),
			weight: if ctx.input.flag() { Some(ctx.input.u16() % 1_200) } else { None },
		}
		.into(),
		9 => pallet_token_vesting::Call::force_vested_transfer {
			source: address(&accounts::community_fund()),
			dest: address(&args::account(ctx)),
			milestones: milestones(ctx),
		}
		.into(),
		10 => Balances::force_transfer {
			source: address(&accounts::community_fund()),
			dest: address(&args::account(ctx)),
			value: args::amount(ctx, 1_000 * ITC),
		}
		.into(),
		_ => {
			// Root acts as an actor (never as a pot: that would be governance taking what the
			// pallets hold, which the rules allow only to Root by design).
			let who = args::actor(ctx).account();
			let value = args::amount(ctx, args::free(&who));
			let call = Balances::transfer_allow_death { dest: address(&args::account(ctx)), value };
			pallet_sudo::Call::sudo_as { who: address(&who), call: Box::new(call.into()) }.into()
		},
	};
	let call: RuntimeCall = match inner {
		RuntimeCall::Sudo(_) => inner,
		inner => pallet_sudo::Call::sudo { call: Box::new(inner) }.into(),
	};
	let signer = if ctx.input.one_in(16) { args::actor(ctx) } else { actor(who::ALICE) };
	ctx.submit(signer, call).map(|_| ())
}
