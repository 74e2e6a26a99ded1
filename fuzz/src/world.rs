//! The world every input starts from: the development preset, three manufacturers, a dozen
//! devices (claimed, funded, with DAG funds and listings), prepared once and cloned.

use crate::chain::{self, Signer};
use codec::Encode;
use frame_support::BoundedVec;
use itc_primitives::{
	device::{claim_payload, DeviceCode, DeviceKey, DeviceSignature},
	time::SLOT_DURATION,
	token::ITC,
	Moment,
};
use itc_runtime::{
	genesis_config_presets as presets, AccountId, BlockNumber, BuildStorage, Runtime, RuntimeCall,
	RuntimeGenesisConfig,
};
use sp_core::{ed25519, sr25519, Pair};
use sp_keyring::Sr25519Keyring;
use sp_runtime::Storage;
use std::sync::OnceLock;

/// When the fuzzed chain starts (a slot boundary).
pub const LAUNCH: Moment = 1_800_000_000_000 / SLOT_DURATION * SLOT_DURATION;

/// Device keys the fuzzer knows: the first [`SETUP_DEVICES`] are registered in the setup,
/// the others are free for registrations during an input.
pub const DEVICE_KEYS: usize = 24;
/// Devices registered by the setup.
pub const SETUP_DEVICES: usize = 12;

/// Accounts that sign transactions: the development accounts (Alice is sudo and the first
/// validator; Ferdie holds the frozen team bucket) and two unfunded ones.
pub fn actors() -> &'static [Signer] {
	static ACTORS: OnceLock<Vec<Signer>> = OnceLock::new();
	ACTORS.get_or_init(|| {
		use Sr25519Keyring::*;
		[Alice, Bob, Charlie, Dave, Eve, Ferdie, AliceStash, BobStash, One, Two]
			.iter()
			.map(|k| Signer::Sr(k.pair()))
			.collect()
	})
}

/// Index of each actor in [`actors`].
pub mod who {
	/// Sudo, validator 0.
	pub const ALICE: usize = 0;
	/// Device owner, DAG payer; validator 1 in the three-validator world.
	pub const BOB: usize = 1;
	/// Manufacturer 0; validator 2 in the three-validator world.
	pub const CHARLIE: usize = 2;
	/// Manufacturer 1, device owner.
	pub const DAVE: usize = 3;
	/// A pending manufacturer, device owner.
	pub const EVE: usize = 4;
	/// The team account, frozen by vesting.
	pub const FERDIE: usize = 5;
}

/// A device key the fuzzer holds.
pub struct DeviceKeyPair {
	/// Signs claims, firmware and work reports, and the device account's transactions.
	pub signer: Signer,
	/// The key as the chain records it.
	pub key: DeviceKey,
}

/// The device keys (ed25519; every fourth sr25519), deterministic.
pub fn device_keys() -> &'static [DeviceKeyPair] {
	static KEYS: OnceLock<Vec<DeviceKeyPair>> = OnceLock::new();
	KEYS.get_or_init(|| {
		(0..DEVICE_KEYS)
			.map(|i| {
				let seed = sp_io::hashing::blake2_256(&(b"itc-fuzz/device", i as u32).encode());
				if i % 4 == 3 {
					let pair = sr25519::Pair::from_seed(&seed);
					DeviceKeyPair {
						key: DeviceKey::Sr25519(pair.public()),
						signer: Signer::Sr(pair),
					}
				} else {
					let pair = ed25519::Pair::from_seed(&seed);
					DeviceKeyPair {
						key: DeviceKey::Ed25519(pair.public()),
						signer: Signer::Ed(pair),
					}
				}
			})
			.collect()
	})
}

/// The fuzzer's key for the device whose account is `account`.
pub fn device_key_of(account: &AccountId) -> Option<&'static DeviceKeyPair> {
	device_keys().iter().find(|k| k.key.account() == *account)
}

/// A device signature by `pair` over `message`.
pub fn device_sign(pair: &DeviceKeyPair, message: &[u8]) -> DeviceSignature {
	match &pair.signer {
		Signer::Ed(p) => DeviceSignature::Ed25519(p.sign(message)),
		Signer::Sr(p) => DeviceSignature::Sr25519(p.sign(message)),
	}
}

/// A prepared world: storage after the setup blocks.
pub struct World {
	/// The state, cloned for each input.
	pub storage: Storage,
	/// Validators (Aura authorities) in this world.
	pub validators: usize,
}

/// The one- and three-validator worlds, built on first use.
pub fn world(three_validators: bool) -> &'static World {
	static ONE: OnceLock<World> = OnceLock::new();
	static THREE: OnceLock<World> = OnceLock::new();
	if three_validators {
		THREE.get_or_init(|| build(true))
	} else {
		ONE.get_or_init(|| build(false))
	}
}

fn merge(base: &mut serde_json::Value, patch: serde_json::Value) {
	match (base, patch) {
		(serde_json::Value::Object(b), serde_json::Value::Object(p)) => {
			for (k, v) in p {
				merge(b.entry(k).or_insert(serde_json::Value::Null), v);
			}
		},
		(b, p) => *b = p,
	}
}

/// The development preset's genesis storage.
pub fn genesis() -> Storage {
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).expect("serialises");
	merge(&mut config, presets::development());
	let config: RuntimeGenesisConfig = serde_json::from_value(config).expect("the preset parses");
	config.build_storage().expect("the preset builds")
}

fn ok(signer: usize, call: RuntimeCall) {
	let outcome = chain::signed(&actors()[signer], call.clone(), 0, 0);
	assert!(outcome.is_ok(), "setup call {call:?}: {outcome:?}");
}

fn sudo(call: RuntimeCall) -> RuntimeCall {
	RuntimeCall::Sudo(pallet_sudo::Call::sudo { call: Box::new(call) })
}

fn bounded<S: frame_support::traits::Get<u32>>(bytes: &[u8]) -> BoundedVec<u8, S> {
	bytes.to_vec().try_into().expect("setup values fit")
}

/// The code the chain gave device key `i`.
pub fn code_of_key(i: usize) -> Option<DeviceCode> {
	pallet_devices::CodeOfAccount::<Runtime>::get(device_keys()[i].key.account())
}

fn build(three_validators: bool) -> World {
	use pallet_data_market::Call as Market;
	use pallet_devices::Call as Devices;
	use pallet_manufacturers::Call as Manufacturers;
	use who::*;
	let mut storage = genesis();
	sp_state_machine::BasicExternalities::execute_with_storage(&mut storage, || {
		if three_validators {
			let keys: Vec<sp_consensus_aura::sr25519::AuthorityId> =
				[Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie]
					.iter()
					.map(|k| k.public().into())
					.collect();
			pallet_aura::Authorities::<Runtime>::put(BoundedVec::truncate_from(keys));
		}
		let mut now = LAUNCH;
		let mut n: BlockNumber = 1;
		chain::open_block(n, now);
		for (who, name, country) in [
			(CHARLIE, b"Fuzz Devices A", *b"DE"),
			(DAVE, b"Fuzz Devices B", *b"CN"),
			(EVE, b"Fuzz Devices C", *b"US"),
		] {
			let call = Manufacturers::apply {
				name: bounded(name),
				country,
				uri: bounded(b"https://fuzz.example"),
			};
			ok(who, call.into());
		}
		ok(ALICE, sudo(Manufacturers::approve { id: 0, quota: 32 }.into()));
		ok(ALICE, sudo(Manufacturers::approve { id: 1, quota: 16 }.into()));
		let next = |n: &mut BlockNumber, now: &mut Moment| {
			chain::close_block();
			*n += 1;
			*now += SLOT_DURATION;
			chain::open_block(*n, *now);
		};
		next(&mut n, &mut now);
		let spec = |i: usize, model: &[u8]| pallet_devices::DeviceSpec {
			model: model.to_vec(),
			serial: format!("SN-{i:04}").into_bytes(),
			key: device_keys()[i].key,
		};
		let charlie =
			(0..8).map(|i| spec(i, if i < 4 { b"sensor-a" } else { b"camera-b" })).collect();
		ok(CHARLIE, Devices::register { devices: charlie }.into());
		ok(
			DAVE,
			Devices::register {
				devices: (8..SETUP_DEVICES).map(|i| spec(i, b"meter-c")).collect(),
			}
			.into(),
		);
		next(&mut n, &mut now);
		let genesis = frame_system::Pallet::<Runtime>::block_hash(0);
		for (owner, devices) in [(BOB, 0..3), (EVE, 3..5), (DAVE, 8..10)] {
			for i in devices {
				let code = code_of_key(i).expect("registered");
				let nonce =
					pallet_devices::DeviceInfoOf::<Runtime>::get(code).expect("registered").nonce;
				let message = claim_payload(&genesis, &code, &actors()[owner].account(), nonce);
				let proof = device_sign(&device_keys()[i], &message);
				ok(owner, Devices::claim { code, proof }.into());
			}
		}
		for i in 0..SETUP_DEVICES {
			let dest = chain::address(&device_keys()[i].key.account());
			ok(ALICE, pallet_balances::Call::transfer_keep_alive { dest, value: 100 * ITC }.into());
		}
		next(&mut n, &mut now);
		for (payer, device, amount) in [(BOB, 0, 500), (BOB, 1, 500), (EVE, 3, 200), (BOB, 8, 100)]
		{
			let device = device_keys()[device].key.account();
			ok(payer, pallet_dag_accounts::Call::lock { device, amount: amount * ITC }.into());
		}
		for (seller, device, content) in [(BOB, 0usize, 0u8), (EVE, 3, 1)] {
			let call = Market::list {
				device: code_of_key(device).expect("registered"),
				cid: bounded(b"bafkreifuzzpackage"),
				key_commitment: pallet_data_market::crypto::commitment(&content_key(content)),
				package: crate::actions::market::package_of(content, content == 0),
				price: 10 * ITC,
				terms: bounded(b"bafkreifuzzterms"),
				expires_at: n + 1_000,
				max_sales: 5,
				bond: 10 * ITC,
			};
			ok(seller, call.into());
		}
		while pallet_dag_anchor::OpenEpoch::<Runtime>::get().is_none() {
			next(&mut n, &mut now);
		}
		chain::close_block();
		crate::invariants::check().expect("the setup keeps every invariant");
	});
	World { storage, validators: if three_validators { 3 } else { 1 } }
}

/// Content key `j` of the fuzzer's data packages.
pub fn content_key(j: u8) -> [u8; 32] {
	sp_io::hashing::blake2_256(&(b"itc-fuzz/content", j % 4).encode())
}
