//! Benchmarks of the edge-mining pallet: the calls and both halves of `on_initialize`.

use crate::*;
use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{
		fungible::{Inspect, Mutate},
		Get,
	},
	BoundedVec,
};
use frame_system::RawOrigin;
use itc_primitives::{
	device::{DeviceCode, DeviceKey, DeviceRegistry, DeviceSignature, ManufacturerStake},
	mining::{report_payload, MarketEvidence, WorkReport},
};
use sp_core::crypto::KeyTypeId;
use sp_runtime::traits::Zero;

/// Key type of the device keys made for benchmarks.
const DEVICE_KEY: KeyTypeId = KeyTypeId(*b"idev");

/// The clock at the start of era `era`.
fn at_era<T: Config>(era: u32) {
	T::BenchmarkHelper::set_elapsed_ms(EraLength::<T>::get().max(1) * u64::from(era));
}

/// Funds the mining pool (held) if the genesis did not, so payouts have something to pay.
fn ensure_pools<T: Config>() {
	for pool in [Pool::Mining, Pool::NodeIncentives] {
		if Emission::<T>::get(pool).initial.is_zero() {
			let account = Pallet::<T>::pool_account(pool);
			let amount = T::Currency::minimum_balance() * 1_000_000_000u32.into();
			T::Currency::set_balance(&account, amount);
			Pallet::<T>::hold_pool(pool).expect("the pool was just funded");
		}
	}
}

/// Stores a scored report of `device` on era 0 as `submit_report` would, with claims and
/// market fees, so that a payout pays both parts.
fn stored_report<T: Config>(device: DeviceCode) {
	let mut summary = Eras::<T>::get(0);
	Reporters::<T>::insert(0, summary.reports, device);
	let market_fees = T::Currency::minimum_balance() * 1_000u32.into();
	let report = ScoredReport {
		score: 1_000,
		uptime_ppm: 1_000_000,
		records: 0,
		anchored: 0,
		coverage_cell: None,
		market_fees,
	};
	Reports::<T>::insert(0, device, report);
	summary.reports += 1;
	summary.total_score += 1_000;
	summary.total_fees += market_fees;
	Eras::<T>::insert(0, summary);
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// The heavier key type (sr25519), a class weight in storage, full uptime and records,
	/// the anchored records, market fees and manufacturer's stake read (fees and a stake of
	/// one point set, so the claims are capped).
	#[benchmark]
	fn submit_report() {
		let owner: T::AccountId = account("owner", 0, 0);
		let public = sp_io::crypto::sr25519_generate(DEVICE_KEY, None);
		let device = T::Devices::benchmark_device_with_key(&owner, DeviceKey::Sr25519(public));
		let class = T::Devices::class(&device).expect("the device was just made");
		ClassWeights::<T>::insert(class, T::MaxClassWeight::get());
		let manufacturer = T::Devices::manufacturer(&device).expect("the device was just made");
		T::Stake::benchmark_set_deposit(manufacturer, T::StakePerClaimPoint::get());
		T::Market::benchmark_set_fees(&device, 0, T::Currency::minimum_balance());
		at_era::<T>(1);
		let report = WorkReport {
			era: 0,
			uptime_ppm: 1_000_000,
			records: 1_000_000,
			coverage_cell: Some(u64::MAX),
		};
		let payload = report_payload(&Pallet::<T>::genesis_hash(), &device, &report);
		let signature = sp_io::crypto::sr25519_sign(DEVICE_KEY, &public, &payload)
			.expect("the key is in the keystore");
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), device, report, DeviceSignature::Sr25519(signature));

		assert!(Reports::<T>::contains_key(0, device));
	}

	#[benchmark]
	fn set_class_weight() {
		let model = BoundedVec::try_from(vec![b'm'; T::MaxModelLength::get() as usize])
			.expect("exactly the maximum length");

		#[extrinsic_call]
		_(RawOrigin::Root, 1, model, Some(T::MaxClassWeight::get()));

		assert_eq!(ClassWeights::<T>::iter().count(), 1);
	}

	/// Finding the author in the digest, paying it from the node-incentive pool and handing it
	/// the fees in the pool's free balance.
	#[benchmark]
	fn reward_author() {
		ensure_pools::<T>();
		let author = T::BenchmarkHelper::set_block_author();
		let era = Pallet::<T>::current_era();
		assert!(!Pallet::<T>::author_reward(era).is_zero());
		let pool = Pallet::<T>::pool_account(Pool::NodeIncentives);
		let fees = T::Currency::minimum_balance() * 1_000u32.into();
		T::Currency::set_balance(&pool, T::Currency::balance(&pool) + fees);
		let before = T::Currency::balance(&author);

		#[block]
		{
			Pallet::<T>::reward_author(era);
		}

		let reward = Pallet::<T>::author_reward(era);
		assert_eq!(AuthorsPaid::<T>::get(), (era, reward));
		assert_eq!(T::Currency::balance(&author), before + reward + fees);
	}

	/// `n` payouts into device accounts that do not exist yet.
	#[benchmark]
	fn pay_rewards(n: Linear<1, { T::MaxPayoutsPerBlock::get() }>) {
		ensure_pools::<T>();
		let owner: T::AccountId = account("owner", 0, 0);
		let devices: Vec<DeviceCode> =
			(0..n).map(|i| T::Devices::benchmark_active_device(&owner, i)).collect();
		for device in &devices {
			stored_report::<T>(*device);
		}
		at_era::<T>(2);

		#[block]
		{
			Pallet::<T>::pay_rewards(2, n);
		}

		assert_eq!(PayoutCursor::<T>::get(), (0, n));
		for device in &devices {
			let account = T::Devices::device_account(device).expect("a registered device");
			assert!(!T::Currency::balance(&account).is_zero());
		}
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::build_ext(), crate::mock::Test);
}
