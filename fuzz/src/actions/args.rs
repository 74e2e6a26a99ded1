//! Arguments drawn from the input and the live state.

use super::Ctx;
use crate::{
	chain::Signer,
	world::{actors, device_keys, DeviceKeyPair},
};
use itc_primitives::{device::DeviceCode, token::ITC, Balance};
use itc_runtime::{accounts, AccountId, Runtime};

/// An actor that signs: mostly funded ones, sometimes the unfunded.
pub fn actor(ctx: &mut Ctx) -> &'static Signer {
	let all = actors();
	let i = ctx.input.byte() as usize;
	// One in 32 picks from everyone (the unfunded included), otherwise a funded one.
	if i % 32 == 31 {
		&all[(i / 32) % all.len()]
	} else {
		&all[i % (all.len() - 2)]
	}
}

/// A device key the fuzzer holds: three times in four one the setup registered.
pub fn device_key(ctx: &mut Ctx) -> &'static DeviceKeyPair {
	let keys = device_keys();
	let b = ctx.input.byte();
	if b.is_multiple_of(4) {
		&keys[usize::from(b / 4) % keys.len()]
	} else {
		&keys[usize::from(b / 4) % crate::world::SETUP_DEVICES]
	}
}

/// A signer: an actor, or (one in four) a device account.
pub fn signer(ctx: &mut Ctx) -> &'static Signer {
	if ctx.input.one_in(4) {
		&device_key(ctx).signer
	} else {
		actor(ctx)
	}
}

/// Any account: actors, devices, pots, or a fresh one.
pub fn account(ctx: &mut Ctx) -> AccountId {
	match ctx.input.byte() % 16 {
		0..=7 => actor(ctx).account(),
		8..=11 => device_key(ctx).key.account(),
		12 => accounts::community_fund(),
		13 => itc_runtime::DataMarket::pot(),
		14 => itc_runtime::DagAccounts::pot(),
		_ => AccountId::from([ctx.input.byte(); 32]),
	}
}

/// An amount: edge values, round values, or near `reference` (a balance the call is about).
pub fn amount(ctx: &mut Ctx, reference: Balance) -> Balance {
	let ed = itc_runtime::MILLI_ITC;
	let jitter = Balance::from(ctx.input.byte());
	match ctx.input.byte() % 12 {
		0 => 0,
		1 => 1,
		2 => ed - 1,
		3 => ed,
		4 => Balance::from(1 + ctx.input.byte() % 100) * ITC,
		5 => Balance::from(1 + ctx.input.byte() % 100) * 1_000 * ITC,
		6 => reference,
		7 => reference.saturating_sub(ed),
		8 => reference.saturating_add(1 + jitter),
		9 => reference.saturating_sub(jitter),
		10 => reference / 2,
		_ => Balance::from(ctx.input.u64()) << (ctx.input.byte() % 64),
	}
}

/// A free balance.
pub fn free(who: &AccountId) -> Balance {
	frame_system::Account::<Runtime>::get(who).data.free
}

/// A device code: one the chain knows (most of the time) or a random one.
pub fn code(ctx: &mut Ctx) -> DeviceCode {
	if ctx.input.one_in(16) {
		let mut code = [0u8; 15];
		for b in code.iter_mut() {
			*b = ctx.input.byte();
		}
		return DeviceCode(code);
	}
	let key = device_key(ctx);
	pallet_devices::CodeOfAccount::<Runtime>::get(key.key.account())
		.unwrap_or_else(|| DeviceCode([ctx.input.byte(); 15]))
}

/// An id near the next one: mostly one of the last four given, sometimes the next or random.
pub fn id(ctx: &mut Ctx, next: u32) -> u32 {
	match ctx.input.byte() % 8 {
		0 => next,
		1 => ctx.input.u32(),
		b => next.saturating_sub(1 + u32::from(b % 4)),
	}
}

/// A 64-bit id near the next one.
pub fn id64(ctx: &mut Ctx, next: u64) -> u64 {
	match ctx.input.byte() % 8 {
		0 => next,
		1 => ctx.input.u64(),
		b => next.saturating_sub(1 + u64::from(b % 4)),
	}
}

/// A block number relative to now.
pub fn deadline(ctx: &mut Ctx) -> u32 {
	use itc_primitives::time::DAYS;
	let now = itc_runtime::System::block_number();
	match ctx.input.byte() % 8 {
		0 => now,
		1 => now + 1,
		2 => now + 10,
		3 => now + 1_000,
		4 => now + DAYS,
		5 => now + 365 * DAYS,
		6 => now + 365 * DAYS + 1,
		_ => ctx.input.u32(),
	}
}
