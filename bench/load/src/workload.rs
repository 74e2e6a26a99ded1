//! What a run sends: balance transfers, or device registrations one per extrinsic or a full
//! batch (100) per extrinsic; and the accounts each needs, set up from Alice (sudo on `--dev`).

use crate::{
	rpc::Rpc,
	sign::{self, Chain},
};
use codec::Decode;
use itc_primitives::{device::DeviceKey, token::ITC, Balance};
use itc_runtime::{AccountId, Runtime, RuntimeCall};
use sp_core::{ed25519, sr25519, Pair};
use sp_keyring::Sr25519Keyring;
use sp_runtime::traits::Hash as _;
use std::time::{Duration, Instant};

/// Devices per `register` extrinsic in the batch workload (the runtime's `MaxBatch`).
pub const BATCH: u32 = 100;
/// Calls per `utility.batch_all` when funding senders and approving manufacturers.
const FUNDING_CHUNK: usize = 250;

/// The kinds of load.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
	/// `balances.transfer_keep_alive` of 0.001 ITC between the run's senders.
	Transfer,
	/// `devices.register` of one device per extrinsic, by approved manufacturers.
	Register,
	/// `devices.register` of 100 devices per extrinsic.
	RegisterBatch,
}

impl Kind {
	/// Items (transfers, devices) per extrinsic.
	pub fn items(self) -> u32 {
		match self {
			Kind::RegisterBatch => BATCH,
			_ => 1,
		}
	}
}

/// The run's senders and where their nonces start.
pub struct Workload {
	kind: Kind,
	chain: Chain,
	tag: u64,
	senders: Vec<(sr25519::Pair, AccountId)>,
	nonces: Vec<u32>,
}

fn account(pair: &sr25519::Pair) -> AccountId {
	pair.public().into()
}

impl Workload {
	/// Funds `count` fresh senders (named after `tag`, so every run has its own) and, for
	/// registrations, makes each an approved manufacturer.
	pub async fn set_up(
		rpc: &Rpc,
		chain: Chain,
		kind: Kind,
		count: usize,
		tag: u64,
	) -> Result<Self, String> {
		let senders = senders(tag, count);
		let funds: Balance = match kind {
			Kind::Transfer => 100 * ITC,
			// The application deposit (1,000 ITC) and fees.
			_ => 1_100 * ITC,
		};
		let alice = Sr25519Keyring::Alice.pair();
		let mut nonce = rpc.next_nonce(&account(&alice)).await.map_err(|e| e.to_string())?;
		for chunk in senders.chunks(FUNDING_CHUNK) {
			let transfers = chunk
				.iter()
				.map(|(_, id)| {
					RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
						dest: id.clone().into(),
						value: funds,
					})
				})
				.collect();
			let call = RuntimeCall::Utility(pallet_utility::Call::batch_all { calls: transfers });
			rpc.submit(&sign::signed(&chain, &alice, nonce, call))
				.await
				.map_err(|e| format!("funding: {e}"))?;
			nonce += 1;
		}
		let last = senders.last().map(|(_, id)| id.clone()).ok_or("no senders")?;
		wait_until("the senders funded", || async {
			let key = frame_system::Account::<Runtime>::hashed_key_for(&last);
			Ok(rpc.storage(&key).await?.is_some())
		})
		.await?;
		if kind != Kind::Transfer {
			approve_manufacturers(rpc, &chain, &alice, nonce, &senders).await?;
		}
		let mut nonces = Vec::with_capacity(count);
		for (_, id) in &senders {
			nonces.push(rpc.next_nonce(id).await.map_err(|e| e.to_string())?);
		}
		Ok(Self { kind, chain, tag, senders, nonces })
	}

	/// The `k`-th extrinsic of the run, signed: senders take turns, each with its next nonce.
	pub fn extrinsic(&self, k: u64) -> Vec<u8> {
		let count = self.senders.len() as u64;
		let sender = (k % count) as usize;
		let nonce = self.nonces[sender] + (k / count) as u32;
		sign::signed(&self.chain, &self.senders[sender].0, nonce, self.call(k))
	}

	/// What the weight model allows of the `k`-th extrinsic (the first stands for all).
	pub fn ceiling(&self) -> Ceiling {
		Ceiling::of(&self.call(0), self.extrinsic(0).len(), self.kind.items())
	}

	/// The call of the `k`-th extrinsic.
	fn call(&self, k: u64) -> RuntimeCall {
		let sender = (k % self.senders.len() as u64) as usize;
		match self.kind {
			Kind::Transfer => {
				let to = &self.senders[(sender + 1) % self.senders.len()].1;
				RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
					dest: to.clone().into(),
					value: itc_primitives::token::MILLI_ITC,
				})
			},
			Kind::Register | Kind::RegisterBatch => {
				let items = u64::from(self.kind.items());
				let devices = (k * items..(k + 1) * items).map(|n| self.device(n)).collect();
				RuntimeCall::Devices(pallet_devices::Call::register { devices })
			},
		}
	}

	/// Device `n` of the run: a unique serial and a unique ed25519 key.
	fn device(&self, n: u64) -> pallet_devices::DeviceSpec {
		let seed: [u8; 32] = sp_runtime::traits::BlakeTwo256::hash_of(&(self.tag, n)).into();
		pallet_devices::DeviceSpec {
			model: b"LOAD-1".to_vec(),
			serial: format!("{:x}-{n}", self.tag).into_bytes(),
			key: DeviceKey::Ed25519(ed25519::Pair::from_seed(&seed).public()),
		}
	}
}

/// The run's sending accounts, derived from `tag`.
fn senders(tag: u64, count: usize) -> Vec<(sr25519::Pair, AccountId)> {
	(0..count)
		.map(|i| {
			let pair = sr25519::Pair::from_string(&format!("//itc-load//{tag}//{i}"), None)
				.expect("a valid derivation path");
			let id = account(&pair);
			(pair, id)
		})
		.collect()
}

/// What the block limits allow of one kind of extrinsic, from the runtime's weights: the
/// extrinsic base weight, the call's weight and its transaction extensions' weight against
/// the normal class's share of a block, and its length against the block length.
#[derive(Clone, Copy, Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Ceiling {
	/// Weight (ref time) of one extrinsic, µs: base + call + extensions.
	pub extrinsic_us: f64,
	/// Of that, the call's.
	pub call_us: f64,
	/// Of that, the transaction extensions'.
	pub extensions_us: f64,
	/// Of that, the base extrinsic weight.
	pub base_us: f64,
	/// Bytes of one encoded extrinsic.
	pub length: usize,
	/// Extrinsics a block holds by weight.
	pub per_block_by_weight: u64,
	/// Extrinsics a block holds by length.
	pub per_block_by_length: u64,
	/// Extrinsics per second the limits allow (the lesser of the two, per block time).
	pub extrinsics_per_second: f64,
	/// Items per second.
	pub items_per_second: f64,
}

impl Ceiling {
	fn of(call: &RuntimeCall, length: usize, items: u32) -> Self {
		use frame_support::dispatch::{DispatchClass, GetDispatchInfo};
		use sp_runtime::traits::TransactionExtension;
		let weights = <Runtime as frame_system::Config>::BlockWeights::get();
		let normal = weights.get(DispatchClass::Normal);
		let limit = normal.max_total.unwrap_or(weights.max_block).ref_time();
		let call_weight = call.get_dispatch_info().call_weight.ref_time();
		let extensions = sign::extension(0).weight(call).ref_time();
		let base = normal.base_extrinsic.ref_time();
		let extrinsic = base + call_weight + extensions;
		let max_length = *<Runtime as frame_system::Config>::BlockLength::get()
			.max
			.get(DispatchClass::Normal) as u64;
		let (by_weight, by_length) = (limit / extrinsic.max(1), max_length / length.max(1) as u64);
		let per_second =
			by_weight.min(by_length) as f64 * 1_000.0 / itc_primitives::time::SLOT_DURATION as f64;
		let us = |ps: u64| ps as f64 / 1_000_000.0;
		Ceiling {
			extrinsic_us: us(extrinsic),
			call_us: us(call_weight),
			extensions_us: us(extensions),
			base_us: us(base),
			length,
			per_block_by_weight: by_weight,
			per_block_by_length: by_length,
			extrinsics_per_second: per_second,
			items_per_second: per_second * f64::from(items),
		}
	}
}

/// Each sender applies as a manufacturer; Alice (sudo) approves them all with a quota no run
/// reaches.
async fn approve_manufacturers(
	rpc: &Rpc,
	chain: &Chain,
	alice: &sr25519::Pair,
	alice_nonce: u32,
	senders: &[(sr25519::Pair, AccountId)],
) -> Result<(), String> {
	for (i, (pair, id)) in senders.iter().enumerate() {
		let call = RuntimeCall::Manufacturers(pallet_manufacturers::Call::apply {
			name: format!("Load {i}").into_bytes().try_into().map_err(|_| "name")?,
			country: *b"DE",
			uri: b"https://load.example".to_vec().try_into().map_err(|_| "uri")?,
		});
		let nonce = rpc.next_nonce(id).await.map_err(|e| e.to_string())?;
		rpc.submit(&sign::signed(chain, pair, nonce, call))
			.await
			.map_err(|e| format!("apply: {e}"))?;
	}
	let mut ids = Vec::new();
	for (_, id) in senders {
		let key = pallet_manufacturers::ManufacturerIdOf::<Runtime>::hashed_key_for(id);
		let found =
			wait_until("the applications", || async { Ok(rpc.storage(&key).await?.is_some()) });
		found.await?;
		let raw = rpc.storage(&key).await.map_err(|e| e.to_string())?.unwrap_or_default();
		ids.push(u32::decode(&mut &raw[..]).map_err(|e| e.to_string())?);
	}
	for (i, chunk) in ids.chunks(FUNDING_CHUNK).enumerate() {
		let approvals = chunk
			.iter()
			.map(|&id| {
				RuntimeCall::Manufacturers(pallet_manufacturers::Call::approve {
					id,
					quota: u32::MAX / 2,
				})
			})
			.collect();
		let call = RuntimeCall::Sudo(pallet_sudo::Call::sudo {
			call: Box::new(RuntimeCall::Utility(pallet_utility::Call::batch_all {
				calls: approvals,
			})),
		});
		rpc.submit(&sign::signed(chain, alice, alice_nonce + i as u32, call))
			.await
			.map_err(|e| format!("approve: {e}"))?;
	}
	let last = *ids.last().ok_or("no manufacturers")?;
	wait_until("the approvals", || async {
		let key = pallet_manufacturers::ManufacturerInfoOf::<Runtime>::hashed_key_for(last);
		let Some(raw) = rpc.storage(&key).await? else { return Ok(false) };
		let info = pallet_manufacturers::ManufacturerInfo::<Runtime>::decode(&mut &raw[..])
			.map_err(|e| crate::rpc::RpcError { code: 0, message: e.to_string() })?;
		Ok(info.quota > 0)
	})
	.await
}

/// Polls `check` every 200 ms for up to 60 s.
async fn wait_until<F, Fut>(what: &str, mut check: F) -> Result<(), String>
where
	F: FnMut() -> Fut,
	Fut: std::future::Future<Output = Result<bool, crate::rpc::RpcError>>,
{
	let deadline = Instant::now() + Duration::from_secs(60);
	while Instant::now() < deadline {
		if check().await.map_err(|e| format!("{what}: {e}"))? {
			return Ok(());
		}
		tokio::time::sleep(Duration::from_millis(200)).await;
	}
	Err(format!("timed out waiting for {what}"))
}

#[cfg(test)]
mod tests {
	use super::*;
	use codec::Encode;
	use itc_runtime::UncheckedExtrinsic;

	fn workload(kind: Kind) -> Workload {
		let chain = Chain { genesis: [7; 32].into(), spec_version: 1, transaction_version: 1 };
		Workload { kind, chain, tag: 9, senders: senders(9, 3), nonces: vec![5, 0, 2] }
	}

	#[test]
	fn senders_take_turns_each_with_its_next_nonce() {
		let load = workload(Kind::Transfer);
		for (sender, nonce) in [(0, 5), (1, 0), (2, 2), (0, 6), (1, 3)] {
			let raw = load.extrinsic(nonce_index(sender, nonce, &load));
			let xt = UncheckedExtrinsic::decode(&mut &raw[..]).unwrap();
			let sp_runtime::generic::Preamble::Signed(who, _, extension) = xt.preamble else {
				panic!("signed")
			};
			assert_eq!(who, load.senders[sender].1.clone().into());
			assert_eq!(extension.6 .0, nonce);
		}
	}

	/// The `k` at which `sender` sends with `nonce`.
	fn nonce_index(sender: usize, nonce: u32, load: &Workload) -> u64 {
		u64::from(nonce - load.nonces[sender]) * load.senders.len() as u64 + sender as u64
	}

	#[test]
	fn registrations_carry_unique_devices() {
		let batch = workload(Kind::RegisterBatch);
		let single = workload(Kind::Register);
		let devices = |load: &Workload, k| match load.call(k) {
			RuntimeCall::Devices(pallet_devices::Call::register { devices }) => devices,
			_ => panic!("a registration"),
		};
		assert_eq!(devices(&batch, 0).len(), BATCH as usize);
		assert_eq!(devices(&single, 3).len(), 1);
		let mut keys: Vec<_> = (0..3).flat_map(|k| devices(&batch, k)).map(|d| d.key).collect();
		keys.sort_by_key(|k| k.encode());
		keys.dedup();
		assert_eq!(keys.len(), 3 * BATCH as usize);
	}

	#[test]
	fn the_ceiling_adds_up_and_fits_a_block() {
		for kind in [Kind::Transfer, Kind::Register, Kind::RegisterBatch] {
			let c = workload(kind).ceiling();
			assert!((c.extrinsic_us - (c.base_us + c.call_us + c.extensions_us)).abs() < 1e-6);
			assert!(c.per_block_by_weight > 0 && c.per_block_by_length > 0);
			assert!(c.per_block_by_weight as f64 * c.extrinsic_us <= 750_000.0);
			assert!(
				(c.items_per_second / c.extrinsics_per_second - f64::from(kind.items())).abs()
					< 1e-9
			);
		}
	}
}
