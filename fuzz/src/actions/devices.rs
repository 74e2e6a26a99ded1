//! Manufacturers, devices, firmware and edge-mining work reports.

use super::{args, Ctx};
use crate::{
	invariants::Violation,
	world::{device_keys, device_sign},
};
use frame_support::BoundedVec;
use itc_primitives::{
	device::{claim_payload, firmware_payload, ChangeReason, DeviceSignature},
	mining::{report_payload, WorkReport},
	token::ITC,
};
use itc_runtime::{Runtime, RuntimeCall};
use pallet_devices::Call as Devices;

/// Apply, withdraw, add to the deposit, or register devices as a manufacturer.
pub fn manufacturer(ctx: &mut Ctx) -> Result<(), Violation> {
	use pallet_manufacturers::Call as Manufacturers;
	let signer = args::actor(ctx);
	let call: RuntimeCall = match ctx.input.byte() % 5 {
		0 => {
			let name = if ctx.input.one_in(8) { Vec::new() } else { b"Fuzz Works".to_vec() };
			let country = [ctx.input.byte(), ctx.input.byte()];
			let country = if ctx.input.flag() { *b"FR" } else { country };
			Manufacturers::apply {
				name: BoundedVec::truncate_from(name),
				country,
				uri: BoundedVec::truncate_from(b"https://w.example".to_vec()),
			}
			.into()
		},
		1 => Manufacturers::withdraw {}.into(),
		2 => Manufacturers::bond_more { amount: args::amount(ctx, 500 * ITC) }.into(),
		_ => {
			let n = 1 + ctx.input.byte() % 4;
			let devices = (0..n)
				.map(|_| {
					let key = args::device_key(ctx).key;
					let serial = match ctx.input.byte() % 8 {
						0 => Vec::new(),
						1 => vec![b'x'; 65],
						b => format!("FZ-{b}-{}", ctx.input.byte()).into_bytes(),
					};
					let model =
						if ctx.input.flag() { b"sensor-a".to_vec() } else { b"meter-c".to_vec() };
					pallet_devices::DeviceSpec { model, serial, key }
				})
				.collect();
			Devices::register { devices }.into()
		},
	};
	ctx.submit(signer, call).map(|_| ())
}

/// A device signature over `message`: mostly right, sometimes by another key or garbage.
fn proof(ctx: &mut Ctx, key: usize, message: &[u8]) -> DeviceSignature {
	match ctx.input.byte() % 8 {
		0 => device_sign(&device_keys()[(key + 1) % device_keys().len()], message),
		1 => {
			DeviceSignature::Ed25519(sp_core::ed25519::Signature::from_raw([ctx.input.byte(); 64]))
		},
		_ => device_sign(&device_keys()[key], message),
	}
}

/// A device's life: claim, hand over, suspend, reinstate, decommission, firmware, reports.
pub fn action(ctx: &mut Ctx) -> Result<(), Violation> {
	let pair = args::device_key(ctx);
	let key = device_keys().iter().position(|k| k.key == pair.key).unwrap_or_default();
	let account = pair.key.account();
	let code =
		pallet_devices::CodeOfAccount::<Runtime>::get(&account).unwrap_or_else(|| args::code(ctx));
	let info = pallet_devices::DeviceInfoOf::<Runtime>::get(code);
	let nonce = info.as_ref().map_or(0, |i| i.nonce).wrapping_add(u32::from(ctx.input.one_in(8)));
	let genesis = frame_system::Pallet::<Runtime>::block_hash(0);
	// Mostly the party that may act (owner or manufacturer), sometimes anyone.
	let owner = info.as_ref().and_then(|i| i.owner.clone());
	let signer = args::actor(ctx);
	let signer = match (&owner, ctx.input.byte() % 4) {
		(Some(o), 0 | 1) => {
			crate::world::actors().iter().find(|a| a.account() == *o).unwrap_or(signer)
		},
		_ => signer,
	};
	let reason = match ctx.input.byte() % 4 {
		0 => ChangeReason::Maintenance,
		1 => ChangeReason::Lost,
		2 => ChangeReason::Resolved,
		_ => ChangeReason::Other(ctx.input.u16()),
	};
	let call: RuntimeCall = match ctx.input.byte() % 9 {
		0 | 1 => {
			let message = claim_payload(&genesis, &code, &signer.account(), nonce);
			Devices::claim { code, proof: proof(ctx, key, &message) }.into()
		},
		2 => Devices::transfer { code, to: crate::chain::address(&args::account(ctx)) }.into(),
		3 => Devices::suspend { code, reason }.into(),
		4 => Devices::reinstate { code, reason }.into(),
		5 => Devices::decommission { code, reason }.into(),
		6 => {
			let version = if ctx.input.flag() { b"1.0.0".to_vec() } else { b"9.9.9".to_vec() };
			let message = firmware_payload(&genesis, &code, &version, nonce);
			Devices::report_firmware { code, version, proof: proof(ctx, key, &message) }.into()
		},
		7 => Devices::set_approved_firmware {
			model: if ctx.input.flag() { b"sensor-a".to_vec() } else { b"meter-c".to_vec() },
			versions: vec![b"1.0.0".to_vec()],
		}
		.into(),
		_ => {
			let era = itc_runtime::EdgeMining::current_era();
			let era = match ctx.input.byte() % 4 {
				0 => era.saturating_sub(1),
				1 => era + 1,
				_ => era,
			};
			let report = WorkReport {
				era,
				uptime_ppm: if ctx.input.flag() { 1_000_000 } else { ctx.input.u32() },
				records: u64::from(ctx.input.u16()),
				coverage_cell: if ctx.input.flag() { Some(ctx.input.u64()) } else { None },
			};
			let message = report_payload(&genesis, &code, &report);
			let signature = proof(ctx, key, &message);
			pallet_edge_mining::Call::submit_report { device: code, report, signature }.into()
		},
	};
	ctx.submit(signer, call).map(|_| ())
}
