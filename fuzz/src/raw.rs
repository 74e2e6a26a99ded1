//! Raw calls: any `RuntimeCall` SCALE-decoded from the input, as SRLabs' harness does, behind
//! a filter for what only Root may do and the rules grant it (changing the supply, the code,
//! raw storage, the sudo key).

use codec::DecodeLimit;
use itc_runtime::RuntimeCall;

/// Every call of the runtime as (pallet index, call indices), from its type information.
fn call_indices() -> &'static [(u8, Vec<u8>)] {
	static INDICES: std::sync::OnceLock<Vec<(u8, Vec<u8>)>> = std::sync::OnceLock::new();
	INDICES.get_or_init(|| {
		use scale_info::TypeDef;
		let mut registry = scale_info::Registry::new();
		let id = registry.register_type(&scale_info::meta_type::<RuntimeCall>());
		let portable: scale_info::PortableRegistry = registry.into();
		let variants = |id: u32| match portable.resolve(id).map(|t| &t.type_def) {
			Some(TypeDef::Variant(v)) => v.variants.clone(),
			_ => Vec::new(),
		};
		variants(id.id)
			.into_iter()
			.map(|pallet| {
				let inner = pallet.fields.first().map_or(0, |f| f.ty.id);
				(pallet.index, variants(inner).iter().map(|c| c.index).collect())
			})
			.collect()
	})
}

/// Decodes one call, nesting at most 32 deep: the first two bytes choose a pallet and one of
/// its calls (so that most inputs name a call that exists), the rest are its arguments,
/// padded with zeros.
pub fn decode(bytes: &[u8]) -> Option<RuntimeCall> {
	let all = call_indices();
	let (pallet, calls) = &all[usize::from(*bytes.first()?) % all.len()];
	let call = calls.get(usize::from(*bytes.get(1)?) % calls.len().max(1))?;
	let mut encoded = vec![*pallet, *call];
	encoded.extend_from_slice(&bytes[2..]);
	encoded.extend_from_slice(&[0; 64]);
	RuntimeCall::decode_with_depth_limit(32, &mut &encoded[..]).ok()
}

/// Whether the fuzzer may send `call` (recursively through every call that wraps calls).
pub fn allowed(call: &RuntimeCall) -> bool {
	use pallet_balances::Call as B;
	use pallet_utility::Call as U;
	match call {
		// Code, storage, heap pages and tasks: Root's, and outside the rules.
		RuntimeCall::System(c) => matches!(
			c,
			frame_system::Call::remark { .. } | frame_system::Call::remark_with_event { .. }
		),
		// The timestamp is an inherent; a second one in a block panics by design.
		RuntimeCall::Timestamp(_) => false,
		// Root may set balances and the issuance (docs/SECURITY.md). `burn` stays in: the call
		// filter must refuse it to every signed origin, however wrapped, and the supply
		// invariant checks that it does.
		RuntimeCall::Balances(
			B::force_set_balance { .. } | B::force_adjust_total_issuance { .. },
		) => false,
		RuntimeCall::Sudo(c) => match c {
			pallet_sudo::Call::sudo { call }
			| pallet_sudo::Call::sudo_unchecked_weight { call, .. } => allowed(call),
			// Root acting as a pot, or giving up the key, ends the rules for the rest of the run.
			_ => false,
		},
		RuntimeCall::Utility(c) => match c {
			U::batch { calls } | U::batch_all { calls } | U::force_batch { calls } => {
				calls.iter().all(allowed)
			},
			U::as_derivative { call, .. } | U::with_weight { call, .. } => allowed(call),
			U::if_else { main, fallback } => allowed(main) && allowed(fallback),
			// Dispatching as another origin (a pot's, `None`) is Root's power.
			_ => false,
		},
		RuntimeCall::Multisig(
			pallet_multisig::Call::as_multi { call, .. }
			| pallet_multisig::Call::as_multi_threshold_1 { call, .. },
		) => allowed(call),
		// Slow by design (code validation), and contracts have their own fuzzing upstream.
		RuntimeCall::Contracts(c) => matches!(c, pallet_contracts::Call::call { .. }),
		// Root's transfers out of the pallets' pots are governance overriding the rules.
		RuntimeCall::Vesting(pallet_token_vesting::Call::force_vested_transfer { .. }) => false,
		_ => true,
	}
}
