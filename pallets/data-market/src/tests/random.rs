//! Property-style test: random sequences of every call, by random actors with random ids,
//! interleaved with blocks (and so the hook). After every step the invariants hold, every
//! hold is accounted for, and total issuance is unchanged; at the end, once every deadline
//! has passed, nothing is held at all.

use crate::{mock::*, *};
use crypto_box::aead::rand_core::RngCore;
use frame_support::traits::Hooks;
use itc_primitives::device::{
	testing::MockDevices, DeviceCode, DeviceRegistry, DeviceStatus, Role,
};

const ACTORS: [u64; 4] = [SELLER, BUYER, OTHER, SELLER2];

struct Fuzz {
	rng: TestRng,
	devices: Vec<DeviceCode>,
}

impl Fuzz {
	fn pick<T: Copy>(&mut self, from: &[T]) -> T {
		from[(self.rng.next_u32() as usize) % from.len()]
	}

	fn below(&mut self, n: u64) -> u64 {
		self.rng.next_u64() % n
	}

	/// Mostly one of the last few ids given out, sometimes any, sometimes one not given yet.
	fn id(&mut self, next: u64) -> u64 {
		if self.below(2) == 0 {
			next.saturating_sub(1 + self.below(3))
		} else {
			self.below(next + 2)
		}
	}

	fn origin(&mut self) -> RuntimeOrigin {
		RuntimeOrigin::signed(self.pick(&ACTORS))
	}

	/// Mostly `preferred` (the one account the call works for), else anyone.
	fn origin_or(&mut self, preferred: Option<u64>) -> RuntimeOrigin {
		match preferred {
			Some(who) if self.below(4) > 0 => RuntimeOrigin::signed(who),
			_ => self.origin(),
		}
	}

	/// Each actor buys with its own X25519 key pair.
	fn key_seed(&mut self, who: Option<u64>) -> u8 {
		match who {
			Some(who) if self.below(4) > 0 => who as u8,
			_ => self.below(6) as u8,
		}
	}

	fn step(&mut self) {
		let now = System::block_number();
		let listing = self.id(NextListingId::<Test>::get() as u64) as ListingId;
		let purchase = self.id(NextPurchaseId::<Test>::get());
		let bounty = self.id(NextBountyId::<Test>::get() as u64) as BountyId;
		let seller_of_listing = Listings::<Test>::get(listing).map(|l| l.seller);
		let stored = Purchases::<Test>::get(purchase);
		let (seller, buyer) = (stored.as_ref().map(|p| p.seller), stored.as_ref().map(|p| p.buyer));
		let bounty_owner = Bounties::<Test>::get(bounty).map(|b| b.buyer);
		let _ = match self.below(16) {
			0 | 1 => {
				let device = self.pick(&self.devices.clone());
				let owner = <MockDevices as DeviceRegistry<u64>>::owner(&device);
				DataMarket::list(
					self.origin_or(owner),
					device,
					cid("bafkreidata"),
					crate::crypto::commitment(&CONTENT_KEY),
					package(),
					1 + self.below(2_000),
					cid("bafkreiterms"),
					now + self.below(60),
					1 + self.below(4) as u32,
					40 + self.below(300),
				)
			},
			2 => DataMarket::update_listing(
				self.origin_or(seller_of_listing),
				listing,
				1 + self.below(2_000),
				now + self.below(60),
				self.below(6) as u32,
			),
			3 => DataMarket::withdraw_listing(self.origin_or(seller_of_listing), listing),
			4 => DataMarket::expire_listing(self.origin(), listing),
			5 | 6 => {
				let who = self.pick(&ACTORS);
				DataMarket::buy(
					RuntimeOrigin::signed(who),
					listing,
					self.below(2_500),
					box_keys(who as u8).1,
				)
			},
			7 => {
				let content = if self.below(3) == 0 { [9; 32] } else { CONTENT_KEY };
				let seed = self.key_seed(buyer);
				DataMarket::deliver(self.origin_or(seller), purchase, seal(seed, &content))
			},
			8 => DataMarket::confirm(self.origin_or(buyer), purchase),
			9 => {
				let seed = self.key_seed(buyer);
				let secret = box_keys(seed).0;
				if self.below(2) == 0 {
					DataMarket::dispute(self.origin_or(buyer), purchase, secret)
				} else {
					let shown = evidence(&package_chunks(), self.below(2) as u32);
					DataMarket::dispute_chunk(self.origin_or(buyer), purchase, secret, shown)
				}
			},
			10 => DataMarket::refund(self.origin(), purchase),
			11 => DataMarket::settle(self.origin(), purchase),
			12 => DataMarket::post_bounty(
				self.origin(),
				cid("bafkreiq"),
				self.below(500),
				self.below(4) as u32,
				now + self.below(80),
			),
			13 => DataMarket::answer_bounty(self.origin_or(seller_of_listing), bounty, listing),
			14 => {
				let answer = Bounties::<Test>::get(bounty)
					.and_then(|b| b.answers.first().map(|a| a.listing));
				let seed = self.key_seed(bounty_owner);
				let listing = answer.unwrap_or(listing);
				DataMarket::accept_answer(
					self.origin_or(bounty_owner),
					bounty,
					listing,
					box_keys(seed).1,
				)
			},
			15 if self.below(2) == 0 => {
				let answer =
					Bounties::<Test>::get(bounty).and_then(|b| b.answers.last().map(|a| a.listing));
				let listing = answer.unwrap_or(listing);
				DataMarket::reject_answer(self.origin_or(bounty_owner), bounty, listing)
			},
			_ => DataMarket::close_bounty(self.origin_or(bounty_owner), bounty),
		};
		match self.below(10) {
			0 => {
				let device = self.pick(&self.devices.clone());
				let status = if self.below(2) == 0 {
					DeviceStatus::Active
				} else {
					DeviceStatus::Suspended { by: Role::Owner }
				};
				MockDevices::set_status(&device, status);
			},
			1..=3 => {
				let next = now + 1 + self.below(5);
				while System::block_number() < next {
					let n = System::block_number() + 1;
					System::set_block_number(n);
					DataMarket::on_initialize(n);
				}
			},
			_ => (),
		}
	}
}

/// The name of an event's variant.
fn kind(event: &Event<Test>) -> &'static str {
	match event {
		Event::Settled { confirmed: true, .. } => "confirmed",
		Event::Settled { confirmed: false, .. } => "settled",
		Event::Refunded { .. } => "refunded",
		Event::ListingReopened { .. } => "reopened",
		Event::DisputeWonByBuyer { .. } => "buyer won",
		Event::DisputeWonBySeller { .. } => "seller won",
		Event::AnswerAccepted { .. } => "answer accepted",
		Event::ListingClosed { status: ListingStatus::SoldOut, .. } => "sold out",
		Event::ListingClosed { status: ListingStatus::Expired, .. } => "expired",
		Event::BountyClosed { .. } => "bounty closed",
		Event::AnswerRejected { .. } => "answer rejected",
		_ => "other",
	}
}

#[test]
fn random_call_sequences_keep_every_invariant() {
	let mut seen = std::collections::BTreeSet::new();
	for seed in 0..32 {
		new_test_ext(|| {
			let issuance = Balances::total_issuance();
			let devices = vec![
				device_of(SELLER, 1),
				device_of(SELLER, 2),
				device_of(SELLER2, 3),
				device_of(OTHER, 4),
			];
			let mut fuzz = Fuzz { rng: TestRng(seed), devices };
			for _ in 0..300 {
				fuzz.step();
				DataMarket::do_try_state().unwrap();
				assert_eq!(total_held(), recorded(), "seed {seed}: holds outside the records");
				assert_eq!(Balances::total_issuance(), issuance, "seed {seed}: issuance changed");
			}
			// Every deadline passes: the hook (and calls where the queue was full) return
			// everything, so nothing stays held.
			run_to(System::block_number() + 1_100);
			for id in Purchases::<Test>::iter_keys().collect::<Vec<_>>() {
				let _ = DataMarket::refund(RuntimeOrigin::signed(OTHER), id);
				let _ = DataMarket::settle(RuntimeOrigin::signed(OTHER), id);
			}
			for id in Listings::<Test>::iter_keys().collect::<Vec<_>>() {
				let _ = DataMarket::expire_listing(RuntimeOrigin::signed(OTHER), id);
			}
			for id in Bounties::<Test>::iter_keys().collect::<Vec<_>>() {
				let _ = DataMarket::close_bounty(RuntimeOrigin::signed(OTHER), id);
			}
			assert_eq!(total_held(), 0, "seed {seed}: something is stuck on hold");
			assert_eq!(Listings::<Test>::iter().count(), 0);
			seen.extend(events().iter().map(kind));
		});
	}
	// The sequences reach every outcome, so the invariants were checked after each.
	let all = [
		"answer accepted",
		"answer rejected",
		"bounty closed",
		"buyer won",
		"confirmed",
		"expired",
		"other",
		"refunded",
		"reopened",
		"seller won",
		"settled",
		"sold out",
	];
	assert_eq!(seen.into_iter().collect::<Vec<_>>(), all);
}
