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
/// Transfers per `utility.batch_all` when funding senders.
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
		let senders: Vec<_> = (0..count)
			.map(|i| {
				let pair = sr25519::Pair::from_string(&format!("//itc-load//{tag}//{i}"), None)
					.expect("a valid derivation path");
				let id = account(&pair);
				(pair, id)
			})
			.collect();
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
		let call = match self.kind {
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
		};
		sign::signed(&self.chain, &self.senders[sender].0, nonce, call)
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
	let approvals = ids
		.iter()
		.map(|&id| {
			RuntimeCall::Manufacturers(pallet_manufacturers::Call::approve {
				id,
				quota: u32::MAX / 2,
			})
		})
		.collect();
	let call = RuntimeCall::Sudo(pallet_sudo::Call::sudo {
		call: Box::new(RuntimeCall::Utility(pallet_utility::Call::batch_all { calls: approvals })),
	});
	rpc.submit(&sign::signed(chain, alice, alice_nonce, call))
		.await
		.map_err(|e| format!("approve: {e}"))?;
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
