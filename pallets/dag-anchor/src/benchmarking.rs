//! Benchmarks of the DAG anchor pallet (frame-benchmarking v2), worst cases: the largest
//! validator set, settlement and record lists.

use super::*;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::{
	pallet_prelude::{Get, TransactionSource},
	traits::Authorize,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use itc_primitives::anchor::{
	EpochIndex, RecordCount, SeqRange, MAX_BATCH_SENDERS, MAX_RECORD_DEVICES,
	MAX_SETTLEMENT_ENTRIES,
};
use sp_runtime::RuntimeAppPublic;

fn validators<T: Config>(n: u32) -> Vec<T::AuthorityId> {
	let keys: Vec<T::AuthorityId> = (0..n).map(|_| T::AuthorityId::generate_pair(None)).collect();
	T::BenchmarkHelper::set_validators(keys.clone());
	keys
}

/// Opens epoch 0 in block 1.
fn open<T: Config>() -> EpochIndex {
	T::BenchmarkHelper::set_elapsed_ms(EpochLength::<T>::get() + 1);
	Pallet::<T>::do_advance_epochs(1u32.into());
	OpenEpoch::<T>::get().expect("epoch 0 has ended; qed").epoch
}

/// Where the seeds of sender devices start (apart from record devices').
const SENDER_SEEDS: u32 = 5_000;

/// A summary with `s` settlement entries, `r` record devices and `n` senders; `seed` varies
/// its root.
fn summary<T: Config>(epoch: EpochIndex, s: u32, r: u32, n: u32, seed: u32) -> AnchorSummaryOf<T> {
	let mut settlement = if s == 0 { Vec::new() } else { T::BenchmarkHelper::settlement(s) };
	settlement.sort_by(|a, b| a.account.cmp(&b.account));
	let mut records: Vec<_> = (0..r)
		.map(|i| RecordCount { account: T::BenchmarkHelper::record_device(i), records: 1 })
		.collect();
	records.sort_by(|a, b| a.account.cmp(&b.account));
	let mut senders: Vec<_> = (0..n)
		.map(|i| SeqRange {
			// Devices of their own: apart from the record devices, and per summary.
			account: T::BenchmarkHelper::record_device(SENDER_SEEDS + seed * MAX_BATCH_SENDERS + i),
			first: 0,
			next: 1,
		})
		.collect();
	senders.sort_by(|a, b| a.account.cmp(&b.account));
	let mut root = [0xab; 32];
	root[..4].copy_from_slice(&seed.to_le_bytes());
	AnchorSummaryOf::<T> {
		epoch,
		root,
		count: (r.max(1) * 2).max(n),
		cid: alloc::vec![b'b'; itc_primitives::anchor::MAX_CID_LENGTH as usize]
			.try_into()
			.expect("exactly the bound; qed"),
		settlement: settlement.try_into().expect("s is within the bound; qed"),
		records: records.try_into().expect("r is within the bound; qed"),
		senders: senders.try_into().expect("n is within the bound; qed"),
	}
}

fn signed<T: Config>(key: &T::AuthorityId, summary: &AnchorSummaryOf<T>) -> SignatureOf<T> {
	key.sign(&Pallet::<T>::payload_of(summary)).expect("the key was generated here; qed")
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn authorize_propose() -> Result<(), BenchmarkError> {
		let keys = validators::<T>(T::MaxValidators::get());
		let epoch = open::<T>();
		let summary =
			summary::<T>(epoch, MAX_SETTLEMENT_ENTRIES, MAX_RECORD_DEVICES, MAX_BATCH_SENDERS, 0);
		let key = keys.last().expect("at least one validator; qed").clone();
		let signature = signed::<T>(&key, &summary);
		let call = Call::<T>::propose { summary, validator: key, signature };
		#[block]
		{
			call.authorize(TransactionSource::External)
				.ok_or("propose is authorized")?
				.map_err(|_| "the proposal is valid")?;
		}
		Ok(())
	}

	#[benchmark]
	fn propose_counting() {
		let keys = validators::<T>(T::MaxValidators::get());
		let epoch = open::<T>();
		let summary =
			summary::<T>(epoch, MAX_SETTLEMENT_ENTRIES, MAX_RECORD_DEVICES, MAX_BATCH_SENDERS, 0);
		let key = keys[0].clone();
		let signature = signed::<T>(&key, &summary);

		#[extrinsic_call]
		propose(RawOrigin::Authorized, summary, key.clone(), signature);

		assert!(Proposals::<T>::contains_key(epoch, &key));
		assert!(LastAnchored::<T>::get().is_none());
	}

	#[benchmark]
	fn propose_anchoring(
		v: Linear<1, { T::MaxValidators::get() }>,
		s: Linear<2, MAX_SETTLEMENT_ENTRIES>,
		r: Linear<0, MAX_RECORD_DEVICES>,
		n: Linear<1, MAX_BATCH_SENDERS>,
	) {
		let keys = validators::<T>(v);
		let epoch = open::<T>();
		let winning = summary::<T>(epoch, s, r, n, 0);
		let threshold = Pallet::<T>::threshold(v) as usize;
		// Those beyond the threshold dissent, each with a summary of its own (tallies to clear
		// and outvoted validators to record); the others but one agree.
		for (i, key) in keys.iter().enumerate().skip(threshold) {
			let dissent = summary::<T>(epoch, 0, 0, 1, i as u32 + 1);
			let signature = signed::<T>(key, &dissent);
			Pallet::<T>::propose(RawOrigin::Authorized.into(), dissent, key.clone(), signature)
				.expect("a valid dissent; qed");
		}
		for key in keys.iter().take(threshold - 1) {
			let signature = signed::<T>(key, &winning);
			Pallet::<T>::propose(
				RawOrigin::Authorized.into(),
				winning.clone(),
				key.clone(),
				signature,
			)
			.expect("a valid vote; qed");
		}
		let last = keys[threshold - 1].clone();
		let signature = signed::<T>(&last, &winning);

		#[extrinsic_call]
		propose(RawOrigin::Authorized, winning, last, signature);

		assert_eq!(LastAnchored::<T>::get(), Some(epoch));
	}

	#[benchmark]
	fn on_initialize_open() {
		validators::<T>(T::MaxValidators::get());
		T::BenchmarkHelper::set_elapsed_ms(EpochLength::<T>::get() * 3 + 1);
		let n: BlockNumberFor<T> = 1u32.into();

		#[block]
		{
			Pallet::<T>::do_advance_epochs(n);
		}

		assert_eq!(OpenEpoch::<T>::get().map(|w| w.epoch), Some(2));
	}

	#[benchmark]
	fn on_initialize_timeout(p: Linear<0, { T::MaxValidators::get() }>) {
		let keys = validators::<T>(T::MaxValidators::get());
		let epoch = open::<T>();
		for (i, key) in keys.iter().take(p as usize).enumerate() {
			let own = summary::<T>(epoch, 0, 0, 1, i as u32 + 1);
			let signature = signed::<T>(key, &own);
			Pallet::<T>::propose(RawOrigin::Authorized.into(), own, key.clone(), signature)
				.expect("a valid proposal; qed");
		}
		let deadline = OpenEpoch::<T>::get().expect("open; qed").deadline;
		let n = deadline + 1u32.into();

		#[block]
		{
			Pallet::<T>::do_advance_epochs(n);
		}

		assert_eq!(NextEpoch::<T>::get(), epoch + 1);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::bench_ext(), crate::mock::Test);
}
