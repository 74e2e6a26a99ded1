//! The data market: listings, purchases with sealed keys, disputes, bounties.

use super::{args, Ctx};
use crate::{
	invariants::Violation,
	world::{actors, content_key},
};
use frame_support::BoundedVec;
use itc_primitives::token::ITC;
use itc_runtime::{Runtime, RuntimeCall};
use pallet_data_market::{
	Call as Market, Listings, NextBountyId, NextListingId, NextPurchaseId, Purchases,
};

/// Buyer key pairs: eight good ones; a weak (small-order) public key is picked separately.
fn box_secret(i: u8) -> [u8; 32] {
	sp_io::hashing::blake2_256(&codec::Encode::encode(&(b"itc-fuzz/box", i % 8)))
}

fn box_public(i: u8) -> [u8; 32] {
	*crypto_box::SecretKey::from(box_secret(i)).public_key().as_bytes()
}

/// A buyer's public key: one of ours, or a small-order point `buy` must refuse.
fn buyer_key(ctx: &mut Ctx) -> [u8; 32] {
	let b = ctx.input.byte();
	if b.is_multiple_of(16) {
		let weak = &pallet_data_market::crypto::SMALL_ORDER_X25519;
		weak[usize::from(b / 16) % weak.len()]
	} else {
		box_public(b)
	}
}

/// `content` sealed to `public`.
fn seal(public: [u8; 32], content: &[u8], seed: u64) -> [u8; 80] {
	let sealed = crypto_box::PublicKey::from(public)
		.seal(&mut crate::rng::SplitMix(seed), content)
		.unwrap_or_else(|_| vec![0; 80]);
	let mut out = [0u8; 80];
	out.copy_from_slice(&sealed[..80]);
	out
}

/// A two-chunk package of content key `key`: its second chunk sealed by `key` too, or, for a
/// seller whose key does not open its data, by another key.
fn package_chunks(key: u8, honest: bool) -> Vec<Vec<u8>> {
	use pallet_data_market::crypto::package::seal_chunk;
	let second = if honest { content_key(key) } else { [0xba; 32] };
	vec![seal_chunk(&content_key(key), 0, b"t,c\n0,4.5\n"), seal_chunk(&second, 1, b"1,4.1\n")]
}

/// What a listing of [`package_chunks`] commits to.
pub fn package_of(key: u8, honest: bool) -> pallet_data_market::PackageRoot {
	let root = pallet_data_market::crypto::package::package_root(&package_chunks(key, honest));
	pallet_data_market::PackageRoot { root, chunks: 2 }
}

/// Chunk `index` of the package `listing` committed to (when it is one of ours), with its
/// path; else a chunk the package does not hold.
fn evidence(listing: u32, index: u32) -> pallet_data_market::ChunkEvidence {
	let committed = pallet_data_market::Packages::<Runtime>::get(listing);
	let chunks = (0..4u8)
		.flat_map(|k| [(k, true), (k, false)])
		.find(|(k, honest)| Some(package_of(*k, *honest)) == committed)
		.map_or_else(|| package_chunks(0, true), |(k, honest)| package_chunks(k, honest));
	let path = pallet_data_market::crypto::package::package_path(&chunks, index % 2);
	pallet_data_market::ChunkEvidence {
		index,
		sealed: BoundedVec::truncate_from(chunks[(index % 2) as usize].clone()),
		path: BoundedVec::truncate_from(path),
	}
}

/// Any market call.
pub fn action(ctx: &mut Ctx) -> Result<(), Violation> {
	let signer = args::actor(ctx);
	let listing = args::id(ctx, NextListingId::<Runtime>::get());
	let purchase_id = args::id64(ctx, NextPurchaseId::<Runtime>::get());
	let purchase = Purchases::<Runtime>::get(purchase_id);
	// The party of the purchase, when there is one, acts most of the time.
	let party = |ctx: &mut Ctx, seller: bool| {
		let who =
			purchase.as_ref().map(|p| if seller { p.seller.clone() } else { p.buyer.clone() });
		match who.and_then(|w| actors().iter().find(|a| a.account() == w)) {
			Some(a) if !ctx.input.one_in(4) => a,
			_ => signer,
		}
	};
	let cid = |ctx: &mut Ctx| -> BoundedVec<u8, _> {
		BoundedVec::truncate_from(if ctx.input.one_in(16) {
			Vec::new()
		} else {
			b"bafkreifuzz".to_vec()
		})
	};
	let (signer, call): (_, RuntimeCall) = match ctx.input.byte() % 16 {
		0 | 1 => {
			let device = args::code(ctx);
			let owner = pallet_devices::DeviceInfoOf::<Runtime>::get(device).and_then(|i| i.owner);
			let seller = match owner.and_then(|o| actors().iter().find(|a| a.account() == o)) {
				Some(a) if !ctx.input.one_in(4) => a,
				_ => signer,
			};
			let key = ctx.input.byte();
			let call = Market::list {
				device,
				cid: cid(ctx),
				key_commitment: pallet_data_market::crypto::commitment(&content_key(key)),
				package: package_of(key, !ctx.input.one_in(3)),
				price: args::amount(ctx, 10 * ITC),
				terms: cid(ctx),
				expires_at: args::deadline(ctx),
				max_sales: u32::from(ctx.input.byte() % 6),
				bond: args::amount(ctx, 10 * ITC),
			};
			(seller, call.into())
		},
		2 => {
			let seller = Listings::<Runtime>::get(listing).map(|l| l.seller);
			let seller =
				seller.and_then(|s| actors().iter().find(|a| a.account() == s)).unwrap_or(signer);
			let call = match ctx.input.byte() % 3 {
				0 => Market::update_listing {
					listing,
					price: args::amount(ctx, 10 * ITC),
					expires_at: args::deadline(ctx),
					max_sales: u32::from(ctx.input.byte() % 6),
				},
				1 => Market::withdraw_listing { listing },
				_ => Market::expire_listing { listing },
			};
			(seller, call.into())
		},
		3..=5 => {
			let max_price = args::amount(ctx, 10 * ITC);
			(signer, Market::buy { listing, max_price, buyer_key: buyer_key(ctx) }.into())
		},
		6 | 7 => {
			// The right key sealed to the buyer, a wrong key, or bytes that do not open.
			let sealed = match &purchase {
				Some(p) => {
					let committed = Listings::<Runtime>::get(p.listing).map(|l| l.key_commitment);
					let right = (0..4u8)
						.map(content_key)
						.find(|k| Some(pallet_data_market::crypto::commitment(k)) == committed);
					match (ctx.input.byte() % 6, right) {
						(0, _) => [ctx.input.byte(); 80],
						(1, _) | (_, None) => seal(p.buyer_key, &content_key(ctx.input.byte()), 7),
						(_, Some(k)) => seal(p.buyer_key, &k, purchase_id),
					}
				},
				None => [0; 80],
			};
			(party(ctx, true), Market::deliver { purchase: purchase_id, sealed_key: sealed }.into())
		},
		8 => (party(ctx, false), Market::confirm { purchase: purchase_id }.into()),
		9 => {
			// The secret of the purchase's key (found among ours), or another.
			let secret = purchase
				.as_ref()
				.and_then(|p| (0..8u8).find(|i| box_public(*i) == p.buyer_key))
				.filter(|_| !ctx.input.one_in(4))
				.map_or_else(|| box_secret(ctx.input.byte()), box_secret);
			let call = if ctx.input.one_in(2) {
				Market::dispute { purchase: purchase_id, secret }
			} else {
				let listing = purchase.as_ref().map_or(listing, |p| p.listing);
				let index = u32::from(ctx.input.byte() % 3);
				Market::dispute_chunk {
					purchase: purchase_id,
					secret,
					evidence: evidence(listing, index),
				}
			};
			(party(ctx, false), call.into())
		},
		10 => (party(ctx, false), Market::refund { purchase: purchase_id }.into()),
		11 => (signer, Market::settle { purchase: purchase_id }.into()),
		12 => {
			let call = Market::post_bounty {
				request: cid(ctx),
				reward: args::amount(ctx, 5 * ITC),
				max_accepted: u32::from(ctx.input.byte() % 4),
				deadline: args::deadline(ctx),
			};
			(signer, call.into())
		},
		13 => {
			let bounty = args::id(ctx, NextBountyId::<Runtime>::get());
			let seller = Listings::<Runtime>::get(listing).map(|l| l.seller);
			let seller =
				seller.and_then(|s| actors().iter().find(|a| a.account() == s)).unwrap_or(signer);
			(seller, Market::answer_bounty { bounty, listing }.into())
		},
		_ => {
			let bounty = args::id(ctx, NextBountyId::<Runtime>::get());
			let buyer = pallet_data_market::Bounties::<Runtime>::get(bounty).map(|b| b.buyer);
			let buyer =
				buyer.and_then(|s| actors().iter().find(|a| a.account() == s)).unwrap_or(signer);
			let call = match ctx.input.byte() % 3 {
				0 => Market::accept_answer { bounty, listing, buyer_key: buyer_key(ctx) },
				1 => Market::reject_answer { bounty, listing },
				_ => Market::close_bounty { bounty },
			};
			(buyer, call.into())
		},
	};
	ctx.submit(signer, call).map(|_| ())
}
