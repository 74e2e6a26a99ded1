//! The version 2 migration: deposits from the manufacturers' own accounts to the pot.

use super::{apply, approved, pot_held};
use crate::{migrations::v2::DepositsToPot, mock::*, HoldReason, ManufacturerInfoOf};
use frame_support::{
	assert_ok,
	traits::{
		fungible::{Inspect, InspectFreeze, InspectHold, Mutate, MutateFreeze, MutateHold},
		tokens::{Fortitude, Precision, Preservation, Restriction},
		GetStorageVersion, OnRuntimeUpgrade, StorageVersion,
	},
};

fn held(who: u64) -> u64 {
	Balances::total_balance_on_hold(&who)
}

fn deposit(id: u32) -> u64 {
	ManufacturerInfoOf::<Test>::get(id).unwrap().deposit
}

/// Puts the live manufacturers' deposits back where version 1 held them, on their own
/// accounts, and removes the pot (giving its existential deposit to [`ACME`], who paid it).
fn back_to_version_1() {
	let pot = Manufacturers::pot();
	for (_, info) in ManufacturerInfoOf::<Test>::iter() {
		if info.status == crate::ManufacturerStatus::Retired {
			continue;
		}
		assert_ok!(Balances::transfer_on_hold(
			&HoldReason::ManufacturerDeposit.into(),
			&pot,
			&info.account,
			info.deposit,
			Precision::Exact,
			Restriction::OnHold,
			Fortitude::Force,
		));
	}
	let dust = Balances::balance(&pot);
	assert_ok!(<Balances as Mutate<u64>>::transfer(&pot, &ACME, dust, Preservation::Expendable));
	StorageVersion::new(1).put::<Manufacturers>();
}

#[test]
fn the_v2_migration_moves_every_deposit_to_the_pot() {
	new_test_ext(|| {
		let acme = approved(ACME, 10);
		assert_ok!(Manufacturers::bond_more(RuntimeOrigin::signed(ACME), 50));
		let bolt = apply(BOLT);
		// A manufacturer retired under version 1 kept its deposit figure, though it was paid.
		assert_ok!(<Balances as Mutate<u64>>::transfer(&FUND, &POOR, 200, Preservation::Preserve));
		let poor = apply(POOR);
		assert_ok!(Manufacturers::retire(RuntimeOrigin::root(), poor));
		ManufacturerInfoOf::<Test>::mutate(poor, |info| info.as_mut().unwrap().deposit = 100);
		back_to_version_1();
		assert_eq!((held(ACME), held(BOLT), pot_held()), (150, 100, 0));
		let issuance = Balances::total_issuance();
		let (acme_free, bolt_free, fund) =
			(Balances::balance(&ACME), Balances::balance(&BOLT), Balances::balance(&FUND));

		#[cfg(feature = "try-runtime")]
		let state = {
			use frame_support::traits::UncheckedOnRuntimeUpgrade;
			crate::migrations::v2::Unversioned::<Test>::pre_upgrade().expect("pre_upgrade")
		};
		DepositsToPot::<Test>::on_runtime_upgrade();
		#[cfg(feature = "try-runtime")]
		{
			use frame_support::traits::UncheckedOnRuntimeUpgrade;
			crate::migrations::v2::Unversioned::<Test>::post_upgrade(state).expect("post_upgrade");
		}

		assert_eq!(Manufacturers::on_chain_storage_version(), 2);
		assert_eq!((held(ACME), held(BOLT), pot_held()), (0, 0, 250));
		assert_eq!((deposit(acme), deposit(bolt), deposit(poor)), (150, 100, 0));
		assert_eq!(Balances::balance(&Manufacturers::pot()), 1, "the pot exists");
		assert_eq!(Balances::balance(&FUND), fund - 1, "the fund gave its existential deposit");
		assert_eq!((Balances::balance(&ACME), Balances::balance(&BOLT)), (acme_free, bolt_free));
		assert_eq!(Balances::total_issuance(), issuance);
		Manufacturers::do_try_state().expect("invariants hold after the migration");

		// Run again (the version is 2 now), it does nothing.
		DepositsToPot::<Test>::on_runtime_upgrade();
		assert_eq!((pot_held(), Balances::balance(&FUND)), (250, fund - 1));
	});
}

/// Version 1 held a deposit on the manufacturer's account, where a freeze may overlap it; the
/// migration moves what the freeze allows (`Polite`) and releases the rest to the
/// manufacturer, whose deposit is then what moved.
#[test]
fn the_v2_migration_gives_up_deposits_a_freeze_still_needs() {
	new_test_ext(|| {
		let acme = approved(ACME, 10);
		back_to_version_1();
		// ACME: 1,000 in all, 100 of it held; a freeze of 950 leaves 50 of the hold movable.
		assert_ok!(<Balances as MutateFreeze<u64>>::set_freeze(b"vesting_", &ACME, 950));
		let total = Balances::total_balance(&ACME);
		assert_eq!((total, held(ACME)), (1_000, 100));

		DepositsToPot::<Test>::on_runtime_upgrade();

		assert_eq!((deposit(acme), pot_held(), held(ACME)), (50, 50, 0));
		assert_eq!(Balances::total_balance(&ACME), 950, "the frozen part stayed with ACME");
		assert_eq!(<Balances as InspectFreeze<u64>>::balance_frozen(b"vesting_", &ACME), 950);
		Manufacturers::do_try_state().expect("invariants hold after the migration");
	});
}
