//! The pot against real balances: what goes in honours freezes, what comes out nothing stops.

use super::*;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	assert_noop, assert_ok, derive_impl,
	storage::with_storage_layer,
	traits::{
		fungible::{InspectHold, MutateFreeze},
		VariantCount,
	},
};
use scale_info::TypeInfo;
use sp_runtime::{BuildStorage, TokenError};

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
	}
);

/// The one reason the tests hold for.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
)]
pub enum Reason {
	/// Money committed to the pot.
	Committed,
}

impl VariantCount for Reason {
	const VARIANT_COUNT: u32 = 1;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
	type ExistentialDeposit = frame_support::traits::ConstU64<ED>;
	type RuntimeHoldReason = Reason;
	type FreezeIdentifier = [u8; 8];
	type MaxFreezes = frame_support::traits::ConstU32<1>;
}

const ED: u64 = 10;
const PAYER: u64 = 1;
const OTHER: u64 = 2;
const FALLBACK: u64 = 3;
const NOBODY: u64 = 4;

fn pot() -> Pot<Balances, u64> {
	Pot::of(PalletId(*b"itc/test"))
}

fn free(who: u64) -> u64 {
	Balances::free_balance(who)
}

fn held(who: u64) -> u64 {
	Balances::balance_on_hold(&Reason::Committed, &who)
}

fn run(test: impl FnOnce()) {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(PAYER, 1_000), (OTHER, 1_000), (FALLBACK, 1_000)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	sp_io::TestExternalities::new(storage).execute_with(|| {
		System::set_block_number(1);
		let issuance = Balances::total_issuance();
		test();
		assert_eq!(Balances::total_issuance(), issuance, "nothing minted or burned");
	});
}

#[test]
fn a_commit_moves_free_balance_into_a_hold_on_the_pot_which_the_first_payer_creates() {
	run(|| {
		let pot = pot();
		assert_ok!(pot.commit(&Reason::Committed, &PAYER, 100));
		assert_eq!((held(*pot.account()), free(*pot.account())), (100, ED));
		assert_eq!((free(PAYER), held(PAYER)), (1_000 - 100 - ED, 0));
		assert_ok!(pot.commit(&Reason::Committed, &OTHER, 100));
		assert_eq!(free(OTHER), 1_000 - 100, "the pot exists: no second deposit");
		assert_eq!(held(*pot.account()), 200);
	});
}

#[test]
fn a_commit_honours_the_payers_freezes_and_keeps_it_alive() {
	run(|| {
		let pot = pot();
		assert_ok!(pot.ensure_exists(&OTHER));
		assert_ok!(<Balances as MutateFreeze<u64>>::set_freeze(b"vesting_", &PAYER, 900));
		let commit = |amount| with_storage_layer(|| pot.commit(&Reason::Committed, &PAYER, amount));
		assert_noop!(commit(101), TokenError::FundsUnavailable);
		assert_ok!(commit(100));
		assert_eq!(free(PAYER), 900);
		assert_ok!(<Balances as MutateFreeze<u64>>::thaw(b"vesting_", &PAYER));
		assert!(commit(900).is_err(), "the payer keeps its existential deposit");
	});
}

#[test]
fn a_payout_goes_through_whatever_the_payer_does_later() {
	run(|| {
		let pot = pot();
		assert_ok!(pot.commit(&Reason::Committed, &PAYER, 300));
		assert_ok!(<Balances as MutateFreeze<u64>>::set_freeze(b"vesting_", &PAYER, free(PAYER)));
		assert_ok!(pot.pay_out(&Reason::Committed, &OTHER, 200));
		assert_ok!(pot.pay_out(&Reason::Committed, &PAYER, 100));
		assert_eq!((free(OTHER), held(*pot.account())), (1_200, 0));
		assert_ok!(pot.pay_out(&Reason::Committed, &OTHER, 0));
		assert!(pot.pay_out(&Reason::Committed, &OTHER, 1).is_err(), "nothing left held");
	});
}

#[test]
fn a_payment_its_recipient_cannot_take_goes_to_the_fallback_or_stays() {
	run(|| {
		let pot = pot();
		assert_ok!(pot.ensure_exists(&PAYER));
		assert_eq!(pot.payee(&OTHER, &FALLBACK, 1), OTHER, "an existing account takes dust");
		assert_eq!(pot.payee(&NOBODY, &FALLBACK, ED), NOBODY, "enough to create it");
		assert_eq!(pot.payee(&NOBODY, &FALLBACK, ED - 1), FALLBACK);
		assert_eq!(pot.payee(&NOBODY, &NOBODY, ED - 1), *pot.account());
	});
}
