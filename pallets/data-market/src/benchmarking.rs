//! Benchmarks of the data-market pallet (frame-benchmarking v2).
//!
//! Each call is measured on its dearest path: longest CIDs, a listing removed when its last
//! purchase ends (bond released), a dispute that runs the whole judgement (X25519 key check,
//! box opening, hash) on a sealed key made by libsodium.

use super::*;
use crate::{
	crypto::{
		package::{MAX_PROOF_DEPTH, MAX_SEALED_CHUNK, TAG_LEN},
		vector,
	},
	Pallet as DataMarket,
};
use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::{
	assert_ok,
	traits::{
		fungible::{Inspect, Mutate},
		Get, Hooks,
	},
	BoundedVec,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use itc_primitives::device::{DeviceCode, DeviceRegistry};
use sp_runtime::traits::{One, Saturating, Zero};

/// Funds a new account. Also moves a benchmark that starts at block 0 to block 1 before its
/// setup: the harness does so before the measured call anyway, and deadlines the setup
/// computes from `now` must be those the call computes.
fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	if now::<T>() == Zero::zero() {
		frame_system::Pallet::<T>::set_block_number(One::one());
	}
	let who: T::AccountId = account(name, index, 0);
	let amount = T::Currency::minimum_balance()
		.saturating_mul(1_000_000_000u32.into())
		.saturating_add(T::MinSellerBond::get().saturating_mul(10u32.into()));
	T::Currency::set_balance(&who, amount);
	who
}

fn longest_cid<T: Config>() -> CidOf<T> {
	BoundedVec::truncate_from(vec![b'b'; T::MaxCidLength::get() as usize])
}

fn price<T: Config>() -> BalanceOf<T> {
	T::Currency::minimum_balance().saturating_mul(100u32.into())
}

fn now<T: Config>() -> BlockNumberFor<T> {
	frame_system::Pallet::<T>::block_number()
}

/// `seller` lists the data of a new device of theirs, committing to the libsodium vector's
/// key and package; returns the listing id.
fn listed<T: Config>(seller: &T::AccountId, max_sales: u32) -> ListingId {
	let device = T::Devices::benchmark_active_device(seller, NextListingId::<T>::get());
	listed_device::<T>(seller, device, max_sales)
}

/// The libsodium vector's package: two chunks.
fn vector_package() -> PackageRoot {
	PackageRoot { root: vector::hex(vector::ROOT), chunks: 2 }
}

/// `seller` lists `device`'s data as [`listed`] does; returns the listing id.
fn listed_device<T: Config>(
	seller: &T::AccountId,
	device: DeviceCode,
	max_sales: u32,
) -> ListingId {
	let id = NextListingId::<T>::get();
	assert_ok!(DataMarket::<T>::list(
		RawOrigin::Signed(seller.clone()).into(),
		device,
		longest_cid::<T>(),
		vector::hex(vector::COMMITMENT),
		vector_package(),
		price::<T>(),
		longest_cid::<T>(),
		listing_expiry::<T>(),
		max_sales,
		T::MinSellerBond::get(),
	));
	id
}

/// `buyer` buys `listing` with the libsodium vector's public key; returns the purchase id.
fn bought<T: Config>(buyer: &T::AccountId, listing: ListingId) -> PurchaseId {
	let id = NextPurchaseId::<T>::get();
	assert_ok!(DataMarket::<T>::buy(
		RawOrigin::Signed(buyer.clone()).into(),
		listing,
		price::<T>(),
		vector::hex(vector::PK),
	));
	id
}

/// A purchase of a one-sale listing (so it is sold out and goes when the purchase ends) with
/// the libsodium vector's sealed key delivered; returns seller, buyer and purchase.
fn delivered<T: Config>() -> (T::AccountId, T::AccountId, PurchaseId) {
	let seller = funded::<T>("seller", 0);
	let buyer = funded::<T>("buyer", 0);
	let listing = listed::<T>(&seller, 1);
	let purchase = bought::<T>(&buyer, listing);
	assert_ok!(DataMarket::<T>::deliver(
		RawOrigin::Signed(seller.clone()).into(),
		purchase,
		vector::hex(vector::SEALED),
	));
	(seller, buyer, purchase)
}

/// `n` answers of listings that do not exist (dead), each from a device of its own.
fn dead_answers<T: Config>(n: u32) -> BoundedVec<Answer, T::MaxAnswers> {
	BoundedVec::truncate_from(
		(0..n)
			.map(|i| {
				let mut code = [0xee; 15];
				code[..4].copy_from_slice(&i.to_le_bytes());
				Answer { listing: u32::MAX - i, device: DeviceCode(code) }
			})
			.collect(),
	)
}

/// `n` answers of open listings whose devices were handed over since (the seller recorded
/// is no longer the owner): the dearest dead answers, found so only after reading the listing
/// and the device. Each device is of a manufacturer of its own, so that no read is shared.
fn handed_over_answers<T: Config>(
	seller: &T::AccountId,
	n: u32,
) -> BoundedVec<Answer, T::MaxAnswers> {
	let former: T::AccountId = account("former", 0, 0);
	BoundedVec::truncate_from(
		(0..n)
			.map(|i| {
				let device = T::Devices::benchmark_active_device_of_maker(seller, i, i + 1);
				let listing = listed_device::<T>(seller, device, 1);
				let device = Listings::<T>::mutate(listing, |l| {
					let l = l.as_mut().expect("listed above");
					l.seller = former.clone();
					l.device
				});
				Answer { listing, device }
			})
			.collect(),
	)
}

/// A bounty by `buyer` with `MaxAnswers` answers, the last of them a real listing of
/// `seller`'s; returns the bounty and that listing.
fn answered_bounty<T: Config>(
	buyer: &T::AccountId,
	seller: &T::AccountId,
) -> (BountyId, ListingId) {
	let bounty = NextBountyId::<T>::get();
	assert_ok!(DataMarket::<T>::post_bounty(
		RawOrigin::Signed(buyer.clone()).into(),
		longest_cid::<T>(),
		price::<T>(),
		2,
		now::<T>().saturating_add(T::MaxBountyLifetime::get()),
	));
	let listing = listed::<T>(seller, 2);
	Bounties::<T>::mutate(bounty, |b| {
		let b = b.as_mut().expect("posted above");
		b.answers = dead_answers::<T>(T::MaxAnswers::get().saturating_sub(1));
		let device = Listings::<T>::get(listing).expect("listed above").device;
		assert_ok!(b.answers.try_push(Answer { listing, device }));
	});
	(bounty, listing)
}

/// Fills the queues of all but the last of the blocks a deadline whose last allowed block is
/// `last` may be queued in, so that queuing it probes every block and writes in the last
/// (`features::QUEUE_PROBES`): the dearest `schedule`, and, for an entry queued so, the dearest
/// `unschedule`.
fn crowd<T: Config>(last: BlockNumberFor<T>) {
	let full: BoundedVec<Deadline, T::MaxDeadlinesPerBlock> = BoundedVec::truncate_from(
		(0..T::MaxDeadlinesPerBlock::get())
			.map(|i| Deadline::ListingExpiry(u32::MAX - i))
			.collect(),
	);
	let mut at = last.saturating_add(One::one());
	for _ in 1..crate::features::QUEUE_PROBES {
		Deadlines::<T>::insert(at, full.clone());
		at = at.saturating_add(One::one());
	}
}

/// A chunk of `c` sealed bytes sealed with `key`, shown with a path of `d` siblings, and the
/// package of `purchase`'s listing set to the root they lead to: `2^d` chunks (`u32::MAX` for
/// 32), so that the path is as long as the package's depth.
fn committed_chunk<T: Config>(
	purchase: PurchaseId,
	key: &[u8; 32],
	c: u32,
	d: u32,
) -> ChunkEvidence {
	use crypto::package::{leaf, root_from_path, seal_chunk};
	let index = 0;
	let sealed = seal_chunk(key, index, &vec![0x5a; (c as usize).saturating_sub(TAG_LEN)]);
	let path: Vec<[u8; 32]> = (0..d).map(|level| [level as u8; 32]).collect();
	let root = root_from_path(index, leaf(index, &sealed), &path);
	let chunks = if d >= 32 { u32::MAX } else { 1u32 << d };
	let listing = Purchases::<T>::get(purchase).map(|p| p.listing).unwrap_or_default();
	Packages::<T>::insert(listing, PackageRoot { root, chunks });
	ChunkEvidence {
		index,
		sealed: BoundedVec::truncate_from(sealed),
		path: BoundedVec::truncate_from(path),
	}
}

/// The expiry [`listed`] gives a listing made now.
fn listing_expiry<T: Config>() -> BlockNumberFor<T> {
	now::<T>().saturating_add(T::MaxListingLifetime::get())
}

fn skip_blocks<T: Config>(blocks: BlockNumberFor<T>) {
	frame_system::Pallet::<T>::set_block_number(now::<T>().saturating_add(blocks));
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn list() {
		let seller = funded::<T>("seller", 0);
		let device = T::Devices::benchmark_active_device(&seller, 0);
		let expires_at = listing_expiry::<T>();
		crowd::<T>(expires_at);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(seller),
			device,
			longest_cid::<T>(),
			[1; 32],
			vector_package(),
			price::<T>(),
			longest_cid::<T>(),
			expires_at,
			10,
			T::MinSellerBond::get(),
		);

		assert!(Listings::<T>::contains_key(0));
	}

	/// A moved expiry: the old entry is found in the last block it may be in, and the new one
	/// probes every block.
	#[benchmark]
	fn update_listing() {
		let seller = funded::<T>("seller", 0);
		crowd::<T>(listing_expiry::<T>());
		let listing = listed::<T>(&seller, 1);
		// Any block in the lifetime; the runtime benchmarks may run the call a block later.
		let expires_at = now::<T>().saturating_add(T::DeliveryPeriod::get());
		crowd::<T>(expires_at);

		#[extrinsic_call]
		_(RawOrigin::Signed(seller), listing, price::<T>(), expires_at, 5);

		assert_eq!(Listings::<T>::get(listing).map(|l| l.max_sales), Some(5));
	}

	/// With no purchase open, so the listing is removed and its bond released; its expiry
	/// entry is found in the last block it may be in.
	#[benchmark]
	fn withdraw_listing() {
		let seller = funded::<T>("seller", 0);
		crowd::<T>(listing_expiry::<T>());
		let listing = listed::<T>(&seller, 1);

		#[extrinsic_call]
		_(RawOrigin::Signed(seller), listing);

		assert!(!Listings::<T>::contains_key(listing));
	}

	#[benchmark]
	fn expire_listing() {
		let seller = funded::<T>("seller", 0);
		let listing = listed::<T>(&seller, 1);
		skip_blocks::<T>(T::MaxListingLifetime::get().saturating_add(One::one()));
		let caller = funded::<T>("caller", 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), listing);

		assert!(!Listings::<T>::contains_key(listing));
	}

	/// The last sale, which also closes the listing.
	#[benchmark]
	fn buy() {
		let seller = funded::<T>("seller", 0);
		let buyer = funded::<T>("buyer", 0);
		let listing = listed::<T>(&seller, 1);
		crowd::<T>(now::<T>().saturating_add(T::DeliveryPeriod::get()));

		#[extrinsic_call]
		_(RawOrigin::Signed(buyer), listing, price::<T>(), vector::hex(vector::PK));

		assert!(Purchases::<T>::contains_key(0));
	}

	#[benchmark]
	fn deliver() {
		let seller = funded::<T>("seller", 0);
		let buyer = funded::<T>("buyer", 0);
		let purchase = bought::<T>(&buyer, listed::<T>(&seller, 1));
		crowd::<T>(now::<T>().saturating_add(T::ConfirmationPeriod::get()));

		#[extrinsic_call]
		_(RawOrigin::Signed(seller), purchase, vector::hex(vector::SEALED));

		assert!(matches!(
			Purchases::<T>::get(purchase).map(|p| p.state),
			Some(PurchaseState::Delivered { .. })
		));
	}

	/// Pays fee and seller, and removes the sold-out listing.
	#[benchmark]
	fn confirm() {
		let (_, buyer, purchase) = delivered::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(buyer), purchase);

		assert!(!Purchases::<T>::contains_key(purchase));
	}

	/// The sealed key opens to the committed key: dispute fee, settlement, listing removed.
	#[benchmark]
	fn dispute_won_by_seller() {
		let (_, buyer, purchase) = delivered::<T>();

		#[extrinsic_call]
		dispute(RawOrigin::Signed(buyer), purchase, vector::hex(vector::SK));

		assert!(!Purchases::<T>::contains_key(purchase));
	}

	/// The sealed key opens to another key: refund, bond to the buyer, listing removed.
	#[benchmark]
	fn dispute_won_by_buyer() {
		let (_, buyer, purchase) = delivered::<T>();
		let listing = Purchases::<T>::get(purchase).map(|p| p.listing).unwrap_or_default();
		Listings::<T>::mutate(listing, |l| {
			if let Some(l) = l {
				l.key_commitment = [0; 32];
			}
		});

		#[extrinsic_call]
		dispute(RawOrigin::Signed(buyer), purchase, vector::hex(vector::SK));

		assert!(!Listings::<T>::contains_key(listing));
	}

	/// The key opens the shown chunk of `c` bytes, proved by a path of `d` siblings: dispute
	/// fee, settlement, listing removed.
	#[benchmark]
	fn dispute_chunk_won_by_seller(
		c: Linear<{ TAG_LEN as u32 }, { MAX_SEALED_CHUNK as u32 }>,
		d: Linear<0, { MAX_PROOF_DEPTH as u32 }>,
	) {
		let (_, buyer, purchase) = delivered::<T>();
		let evidence = committed_chunk::<T>(purchase, &vector::hex(vector::CONTENT_KEY), c, d);

		#[extrinsic_call]
		dispute_chunk(RawOrigin::Signed(buyer), purchase, vector::hex(vector::SK), evidence);

		assert!(!Purchases::<T>::contains_key(purchase));
	}

	/// The key does not open the shown chunk of `c` bytes, proved by a path of `d` siblings:
	/// refund, bond to the buyer, listing removed.
	#[benchmark]
	fn dispute_chunk_won_by_buyer(
		c: Linear<{ TAG_LEN as u32 }, { MAX_SEALED_CHUNK as u32 }>,
		d: Linear<0, { MAX_PROOF_DEPTH as u32 }>,
	) {
		let (_, buyer, purchase) = delivered::<T>();
		let listing = Purchases::<T>::get(purchase).map(|p| p.listing).unwrap_or_default();
		let evidence = committed_chunk::<T>(purchase, &[9; 32], c, d);

		#[extrinsic_call]
		dispute_chunk(RawOrigin::Signed(buyer), purchase, vector::hex(vector::SK), evidence);

		assert!(!Listings::<T>::contains_key(listing));
	}

	/// The judgement alone: the cryptography a dispute runs.
	#[benchmark]
	fn judge() {
		let public = vector::hex(vector::PK);
		let secret = vector::hex(vector::SK);
		let sealed: [u8; crypto::SEALED_KEY_LEN] = vector::hex(vector::SEALED);
		let commitment = vector::hex(vector::COMMITMENT);
		let verdict;

		#[block]
		{
			verdict = crypto::judge(&public, &secret, &sealed, &commitment);
		}

		assert_eq!(verdict, crypto::Verdict::RightKey);
	}

	#[benchmark]
	fn refund() {
		let seller = funded::<T>("seller", 0);
		let buyer = funded::<T>("buyer", 0);
		let listing = listed::<T>(&seller, 1);
		let purchase = bought::<T>(&buyer, listing);
		// After the listing's expiry, so that it is removed and its bond paid back rather than
		// reopened.
		skip_blocks::<T>(T::MaxListingLifetime::get().saturating_add(One::one()));

		#[extrinsic_call]
		_(RawOrigin::Signed(seller), purchase);

		assert!(!Purchases::<T>::contains_key(purchase));
		assert!(!Listings::<T>::contains_key(listing));
	}

	#[benchmark]
	fn settle() {
		let (seller, _, purchase) = delivered::<T>();
		skip_blocks::<T>(T::ConfirmationPeriod::get().saturating_add(One::one()));

		#[extrinsic_call]
		_(RawOrigin::Signed(seller), purchase);

		assert!(!Purchases::<T>::contains_key(purchase));
	}

	#[benchmark]
	fn post_bounty() {
		let buyer = funded::<T>("buyer", 0);
		let deadline = now::<T>().saturating_add(T::MaxBountyLifetime::get());
		crowd::<T>(deadline);

		#[extrinsic_call]
		_(RawOrigin::Signed(buyer), longest_cid::<T>(), price::<T>(), 10, deadline);

		assert!(Bounties::<T>::contains_key(0));
	}

	/// A full list of dead answers, each found dead only after reading its listing and its
	/// device: all give their places up.
	#[benchmark]
	fn answer_bounty() {
		let buyer = funded::<T>("buyer", 0);
		let seller = funded::<T>("seller", 0);
		let (bounty, _) = answered_bounty::<T>(&buyer, &seller);
		let dead = handed_over_answers::<T>(&seller, T::MaxAnswers::get());
		Bounties::<T>::mutate(bounty, |b| {
			if let Some(b) = b {
				b.answers = dead;
			}
		});
		let listing = listed::<T>(&seller, 1);

		#[extrinsic_call]
		_(RawOrigin::Signed(seller), bounty, listing);

		let answers = Bounties::<T>::get(bounty).map(|b| b.answers.len() as u32);
		assert_eq!(answers, Some(1));
	}

	/// The last answer of a full list, into a full list of rejected devices (the oldest is
	/// forgotten).
	#[benchmark]
	fn reject_answer() {
		let buyer = funded::<T>("buyer", 0);
		let seller = funded::<T>("seller", 0);
		let (bounty, listing) = answered_bounty::<T>(&buyer, &seller);
		Bounties::<T>::mutate(bounty, |b| {
			if let Some(b) = b {
				let devices = dead_answers::<T>(T::MaxAnswers::get());
				b.rejected = BoundedVec::truncate_from(devices.iter().map(|a| a.device).collect());
			}
		});

		#[extrinsic_call]
		_(RawOrigin::Signed(buyer), bounty, listing);

		let rejected = Bounties::<T>::get(bounty).map(|b| b.rejected.len() as u32);
		assert_eq!(rejected, Some(T::MaxAnswers::get()));
	}

	/// The last answer of a full list, moving the reward from one hold to the other.
	#[benchmark]
	fn accept_answer() {
		let buyer = funded::<T>("buyer", 0);
		let seller = funded::<T>("seller", 0);
		let (bounty, listing) = answered_bounty::<T>(&buyer, &seller);
		crowd::<T>(now::<T>().saturating_add(T::DeliveryPeriod::get()));

		#[extrinsic_call]
		_(RawOrigin::Signed(buyer), bounty, listing, vector::hex(vector::PK));

		assert!(Purchases::<T>::contains_key(0));
	}

	/// By anyone after the deadline.
	#[benchmark]
	fn close_bounty() {
		let buyer = funded::<T>("buyer", 0);
		let seller = funded::<T>("seller", 0);
		let (bounty, _) = answered_bounty::<T>(&buyer, &seller);
		skip_blocks::<T>(T::MaxBountyLifetime::get().saturating_add(One::one()));

		#[extrinsic_call]
		_(RawOrigin::Signed(seller), bounty);

		assert!(!Bounties::<T>::contains_key(bounty));
	}

	/// `n` confirmation deadlines due, each settling a purchase (of its own buyer and seller)
	/// and removing its sold-out listing: the dearest thing a deadline does.
	#[benchmark]
	fn on_initialize(n: Linear<0, { T::MaxDeadlinesPerBlock::get() }>) {
		let mut purchases = Vec::new();
		for i in 0..n {
			let seller = funded::<T>("seller", i);
			let buyer = funded::<T>("buyer", i);
			let purchase = bought::<T>(&buyer, listed::<T>(&seller, 1));
			assert_ok!(DataMarket::<T>::deliver(
				RawOrigin::Signed(seller).into(),
				purchase,
				vector::hex(vector::SEALED),
			));
			purchases.push(purchase);
		}
		let at = now::<T>().saturating_add(T::ConfirmationPeriod::get()).saturating_add(One::one());
		let queue = purchases.iter().map(|p| Deadline::Confirmation(*p)).collect::<Vec<_>>();
		Deadlines::<T>::insert(at, BoundedVec::truncate_from(queue));
		frame_system::Pallet::<T>::set_block_number(at);

		#[block]
		{
			DataMarket::<T>::on_initialize(at);
		}

		assert_eq!(Purchases::<T>::iter().count(), 0);
	}

	impl_benchmark_test_suite!(DataMarket, crate::mock::build_ext(), crate::mock::Test);
}
