//! Test runtime: System, Balances, the manufacturer registry and the device pallet, with
//! 32-byte accounts so device keys are accounts.

use crate::{self as pallet_devices, DeviceSpec};
use frame_support::{assert_ok, derive_impl, parameter_types, traits::VariantCountOf};
use frame_system::EnsureRoot;
use itc_primitives::device::{
	claim_payload, firmware_payload, DeviceCode, DeviceKey, DeviceSignature, ManufacturerId,
};
use sp_core::{ed25519, Pair};
use sp_runtime::{traits::IdentityLookup, AccountId32, BuildStorage};

type Block = frame_system::mocking::MockBlock<Test>;
type AccountId = AccountId32;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Manufacturers: pallet_manufacturers,
		Devices: pallet_devices,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = AccountId;
	type Lookup = IdentityLookup<AccountId>;
	type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
	type ExistentialDeposit = frame_support::traits::ConstU64<1>;
	type RuntimeHoldReason = RuntimeHoldReason;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
}

parameter_types! {
	pub const ApplicationDeposit: u64 = 100;
	pub const MaxNameLength: u32 = 16;
	pub const MaxUriLength: u32 = 32;
	pub const MaxBatch: u32 = 5;
	pub const MaxModelLength: u32 = 8;
	pub const MaxSerialLength: u32 = 8;
	pub const MaxFirmwareLength: u32 = 8;
	pub const MaxApprovedFirmware: u32 = 3;
	pub const RegistryPot: frame_support::PalletId = frame_support::PalletId(*b"itc/mfrs");
	pub Fund: AccountId = AccountId32::new([99; 32]);
}

impl pallet_manufacturers::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type GovernanceOrigin = EnsureRoot<AccountId>;
	type PalletId = RegistryPot;
	type SlashDestination = Fund;
	type ApplicationDeposit = ApplicationDeposit;
	type MaxNameLength = MaxNameLength;
	type MaxUriLength = MaxUriLength;
	type WeightInfo = ();
}

impl pallet_devices::Config for Test {
	type Manufacturers = Manufacturers;
	type GovernanceOrigin = EnsureRoot<AccountId>;
	type MaxBatch = MaxBatch;
	type MaxModelLength = MaxModelLength;
	type MaxSerialLength = MaxSerialLength;
	type MaxFirmwareLength = MaxFirmwareLength;
	type MaxApprovedFirmware = MaxApprovedFirmware;
	type WeightInfo = ();
}

/// The approved manufacturer's account (manufacturer 0, quota 10).
pub const MAKER: AccountId = AccountId32::new([1; 32]);
/// Id of [`MAKER`]'s manufacturer.
pub const MAKER_ID: ManufacturerId = 0;
/// A second manufacturer's account, pending until a test approves it (manufacturer 1).
pub const RIVAL: AccountId = AccountId32::new([2; 32]);
/// A device owner.
pub const OWNER: AccountId = AccountId32::new([3; 32]);
/// Another user.
pub const OTHER: AccountId = AccountId32::new([4; 32]);
/// The model the helpers register.
pub const MODEL: &[u8] = b"TH-100";

/// The key pair of test device `seed`.
pub fn device_pair(seed: u8) -> ed25519::Pair {
	ed25519::Pair::from_seed(&[seed; 32])
}

/// The public key of test device `seed`.
pub fn device_key(seed: u8) -> DeviceKey {
	DeviceKey::Ed25519(device_pair(seed).public())
}

/// The registration spec of test device `seed`: model [`MODEL`], serial `SN<seed>`.
pub fn spec(seed: u8) -> DeviceSpec {
	DeviceSpec {
		model: MODEL.to_vec(),
		serial: format!("SN{seed}").into_bytes(),
		key: device_key(seed),
	}
}

/// The code test device `seed` gets from [`MAKER`].
pub fn code(seed: u8) -> DeviceCode {
	DeviceCode::derive(MAKER_ID, MODEL, format!("SN{seed}").as_bytes(), &device_key(seed))
}

/// Registers test devices `seeds` as [`MAKER`]; returns their codes.
pub fn register(seeds: &[u8]) -> Vec<DeviceCode> {
	assert_ok!(Devices::register(
		RuntimeOrigin::signed(MAKER),
		seeds.iter().map(|s| spec(*s)).collect()
	));
	seeds.iter().map(|s| code(*s)).collect()
}

/// Device `seed`'s proof that `owner` may claim it, for nonce `nonce`.
pub fn claim_proof(seed: u8, owner: &AccountId, nonce: u32) -> DeviceSignature {
	let message = claim_payload(&Devices::genesis_hash(), &code(seed), owner, nonce);
	DeviceSignature::Ed25519(device_pair(seed).sign(&message))
}

/// Device `seed`'s signed report of firmware `version`, for nonce `nonce`.
pub fn firmware_proof(seed: u8, version: &[u8], nonce: u32) -> DeviceSignature {
	let message = firmware_payload(&Devices::genesis_hash(), &code(seed), version, nonce);
	DeviceSignature::Ed25519(device_pair(seed).sign(&message))
}

/// Registers device `seed` and lets [`OWNER`] claim it; returns its code.
pub fn claimed(seed: u8) -> DeviceCode {
	let code = register(&[seed])[0];
	assert_ok!(Devices::claim(RuntimeOrigin::signed(OWNER), code, claim_proof(seed, &OWNER, 0)));
	code
}

/// The test chain's storage after genesis.
pub fn build_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(MAKER, 1_000), (RIVAL, 1_000), (OWNER, 1_000), (OTHER, 1_000)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.register_extension(sp_keystore::KeystoreExt::new(
		sp_keystore::testing::MemoryKeystore::new(),
	));
	ext.execute_with(|| {
		System::set_block_number(1);
		for who in [MAKER, RIVAL] {
			assert_ok!(Manufacturers::apply(
				RuntimeOrigin::signed(who),
				b"Maker".to_vec().try_into().unwrap(),
				*b"DE",
				Default::default(),
			));
		}
		assert_ok!(Manufacturers::approve(RuntimeOrigin::root(), MAKER_ID, 10));
	});
	ext
}

/// Runs `test` on the chain, then checks both pallets' invariants.
pub fn new_test_ext(test: impl FnOnce()) {
	build_ext().execute_with(|| {
		test();
		Devices::do_try_state().expect("device invariants hold after the test");
		Manufacturers::do_try_state().expect("manufacturer invariants hold after the test");
	});
}
