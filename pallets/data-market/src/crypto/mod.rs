//! Key delivery and dispute judgement.
//!
//! A data package is encrypted with a 32-byte *content key*; the listing commits to the key
//! with `BLAKE2b-256(content key)` (unkeyed, 32-byte digest: libsodium's
//! `crypto_generichash(32, key)`). A buyer pays with a fresh X25519 key pair's public half;
//! the seller delivers the content key in a libsodium *sealed box* (`crypto_box_seal`) to that
//! public key. In a dispute the buyer reveals the secret half, and the runtime:
//!
//! 1. checks that the secret belongs to the purchase's public key (else the buyer lied);
//! 2. opens the sealed box (a box that does not open is the seller's fault);
//! 3. hashes what came out and compares it with the listing's commitment;
//! 4. given a chunk of the package with its Merkle path to the listing's root
//!    ([`judge_chunk`], [`package`]), checks that the committed key opens it.

use alloc::vec::Vec;
use crypto_box::SecretKey;

pub mod package;

/// Length of a content key.
pub const CONTENT_KEY_LEN: usize = 32;
/// What a sealed box adds to its plaintext: the ephemeral public key and the Poly1305 tag.
pub const SEAL_OVERHEAD: usize = 32 + 16;
/// Length of a sealed content key.
pub const SEALED_KEY_LEN: usize = CONTENT_KEY_LEN + SEAL_OVERHEAD;

/// The X25519 public keys of small order (the u-coordinates of the points of order 1, 2, 4 and
/// 8): the keys libsodium's `crypto_box_seal` refuses to seal to.
pub const SMALL_ORDER_X25519: [[u8; 32]; 5] = [
	[0; 32],
	[
		1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		0, 0,
	],
	[
		0xe0, 0xeb, 0x7a, 0x7c, 0x3b, 0x41, 0xb8, 0xae, 0x16, 0x56, 0xe3, 0xfa, 0xf1, 0x9f, 0xc4,
		0x6a, 0xda, 0x09, 0x8d, 0xeb, 0x9c, 0x32, 0xb1, 0xfd, 0x86, 0x62, 0x05, 0x16, 0x5f, 0x49,
		0xb8, 0x00,
	],
	[
		0x5f, 0x9c, 0x95, 0xbc, 0xa3, 0x50, 0x8c, 0x24, 0xb1, 0xd0, 0xb1, 0x55, 0x9c, 0x83, 0xef,
		0x5b, 0x04, 0x44, 0x5c, 0xc4, 0x58, 0x1c, 0x8e, 0x86, 0xd8, 0x22, 0x4e, 0xdd, 0xd0, 0x9f,
		0x11, 0x57,
	],
	// 2²⁵⁵ − 20 (p − 1).
	[
		0xec, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0x7f,
	],
];

/// Whether `public_key` cannot serve as a buyer's key: not the canonical encoding of a field
/// element (the top bit set, or a value of p = 2²⁵⁵ − 19 or more), or of small order
/// ([`SMALL_ORDER_X25519`]).
///
/// Canonical only, because X25519 reads a key modulo p with the top bit cleared while a sealed
/// box's nonce hashes the key's bytes as given: a seller who seals to the bytes the chain
/// stored would make a box that opens off chain but not in [`judge`] if two encodings of one
/// point were both accepted. Small order, because nobody can seal a content key to such a key.
pub fn is_weak_public_key(public_key: &[u8; 32]) -> bool {
	let top_bit = public_key[31] & 0x80 != 0;
	// p..2²⁵⁵ − 1: 0xed..=0xff, then thirty 0xff, then 0x7f.
	let at_least_p = public_key[31] == 0x7f
		&& public_key[1..31].iter().all(|b| *b == 0xff)
		&& public_key[0] >= 0xed;
	top_bit || at_least_p || SMALL_ORDER_X25519.contains(public_key)
}

/// The commitment a listing makes to its content key.
pub fn commitment(content_key: &[u8]) -> [u8; 32] {
	sp_io::hashing::blake2_256(content_key)
}

/// The runtime's judgement of a key dispute.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum Verdict {
	/// The revealed secret is not the purchase's key: the dispute is void.
	SecretMismatch,
	/// The seller's sealed key does not open with the buyer's key: the buyer wins.
	Unopenable,
	/// It opens, but to a key that is not the committed one: the buyer wins.
	WrongKey,
	/// It opens to the committed key (and it opens the chunk shown): the seller wins.
	RightKey,
	/// It opens to the committed key, which does not open the chunk shown, the package's
	/// chunk of this index: the buyer wins.
	ChunkDoesNotOpen(u32),
	/// The chunk shown is not the package's chunk of its index: the dispute is void.
	BadEvidence,
}

/// Judges a dispute over the key alone: steps 1 to 3 of the module docs.
pub fn judge(
	buyer_public: &[u8; 32],
	revealed_secret: &[u8; 32],
	sealed_key: &[u8],
	commitment_of_key: &[u8; 32],
) -> Verdict {
	let verdict = buyer_secret(buyer_public, revealed_secret)
		.and_then(|secret| committed_key(&secret, sealed_key, commitment_of_key));
	match verdict {
		Ok(_) => Verdict::RightKey,
		Err(verdict) => verdict,
	}
}

/// A chunk of a package shown in a dispute, with its Merkle path (see [`package`]).
pub struct ShownChunk<'a> {
	/// Its index in the package.
	pub index: u32,
	/// The sealed chunk, as the package holds it.
	pub sealed: &'a [u8],
	/// The siblings from its leaf up to the root.
	pub path: &'a [[u8; 32]],
}

/// The package a listing committed to: its Merkle root and number of chunks.
pub struct CommittedPackage<'a> {
	/// `BLAKE2b-256(content key)`.
	pub key_commitment: &'a [u8; 32],
	/// The Merkle root of its sealed chunks.
	pub root: &'a [u8; 32],
	/// How many chunks it has.
	pub chunks: u32,
}

/// Judges a dispute that shows a chunk of the package: the secret is checked first, then the
/// chunk against the package ([`Verdict::BadEvidence`]), then the key as [`judge`] does, and
/// last whether the committed key opens the chunk.
pub fn judge_chunk(
	buyer_public: &[u8; 32],
	revealed_secret: &[u8; 32],
	sealed_key: &[u8],
	package: CommittedPackage,
	shown: ShownChunk,
) -> Verdict {
	let secret = match buyer_secret(buyer_public, revealed_secret) {
		Ok(secret) => secret,
		Err(verdict) => return verdict,
	};
	if !package::is_committed(package.root, package.chunks, shown.index, shown.sealed, shown.path) {
		return Verdict::BadEvidence;
	}
	match committed_key(&secret, sealed_key, package.key_commitment) {
		Ok(key) if package::opens(&key, shown.index, shown.sealed) => Verdict::RightKey,
		Ok(_) => Verdict::ChunkDoesNotOpen(shown.index),
		Err(verdict) => verdict,
	}
}

/// The revealed secret, if it is the purchase's key; else [`Verdict::SecretMismatch`].
fn buyer_secret(buyer_public: &[u8; 32], revealed_secret: &[u8; 32]) -> Result<SecretKey, Verdict> {
	let secret = SecretKey::from(*revealed_secret);
	// The bytes, not the points: another encoding of the same point would unseal with another
	// nonce than the seller sealed with.
	if secret.public_key().as_bytes() != buyer_public {
		return Err(Verdict::SecretMismatch);
	}
	Ok(secret)
}

/// The content key the seller delivered, if the box opens with the buyer's secret and the key
/// is the committed one; else the verdict that says which failed.
fn committed_key(
	secret: &SecretKey,
	sealed_key: &[u8],
	commitment_of_key: &[u8; 32],
) -> Result<[u8; CONTENT_KEY_LEN], Verdict> {
	let key = open(secret, sealed_key).ok_or(Verdict::Unopenable)?;
	if commitment(&key) != *commitment_of_key {
		return Err(Verdict::WrongKey);
	}
	key.try_into().map_err(|_| Verdict::WrongKey)
}

/// Opens a sealed box of at most [`SEALED_KEY_LEN`] bytes.
fn open(secret: &SecretKey, sealed: &[u8]) -> Option<Vec<u8>> {
	if sealed.len() != SEALED_KEY_LEN {
		return None;
	}
	secret.unseal(sealed).ok()
}

/// A sealed key made by another implementation, for tests and benchmarks.
#[cfg(any(test, feature = "runtime-benchmarks"))]
pub mod vector {
	use alloc::vec::Vec;

	// Made with npm libsodium-wrappers 0.8.4: a key pair, the content key 0x00..=0x1f sealed to
	// it with `crypto_box_seal`, and `crypto_generichash(32, key)`.
	/// The buyer's X25519 secret key.
	pub const SK: &str = "a048205c5f032d7d9d074e5532700fb376781e552f4f196c61fe722103c3f0de";
	/// The buyer's X25519 public key.
	pub const PK: &str = "961f9f8291ecc5ed8cf4b10555a9179222d4f26f51ef219384eaed2f9372cf4c";
	/// The content key, `0x00..=0x1f`.
	pub const CONTENT_KEY: &str =
		"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
	/// The content key `0x00..=0x1f` sealed to [`PK`].
	pub const SEALED: &str = "66393ef84bc793d06b00df72cbfeefa28e6f90d1aef8ebfeba780a1068549b0d1b7af893ff26189fca6d9e23badd868f2443ee09255187e247e86e6cfecce187ae0251af2af02b1101fb1639e24e54bf";
	/// `BLAKE2b-256` of the content key.
	pub const COMMITMENT: &str = "cb2f5160fc1f7e05a55ef49d340b48da2e5a78099d53393351cd579dd42503d6";

	// The same libsodium: the content key 0x00..=0x1f sealing two chunks with
	// `crypto_secretbox_easy` and the package nonces, and the root `crypto_generichash` makes
	// of them (docs/DATA_MARKET.md, "The package").
	/// Chunk 0, `t,c\n0,4.5\n`, sealed.
	pub const CHUNK_0: &str = "7bd23243394709ab1d4e13b6f9693fe63e22934ba8868b1d695e";
	/// Chunk 1, `1,4.1\n`, sealed.
	pub const CHUNK_1: &str = "e0decdeb716985155f674eeb190bb7eef317be0ec315";
	/// The root of the package of [`CHUNK_0`] and [`CHUNK_1`].
	pub const ROOT: &str = "6c0a5d031a6ca2e74ffb0b25ebd889e90a6b7ede7ac0d6ac042c9bbe5877f081";
	/// The padding leaf, `BLAKE2b-256(0x02)`.
	pub const EMPTY: &str = "bb30a42c1e62f0afda5f0a4e8a562f7a13a24cea00ee81917b86b89e801314aa";

	/// Hex `s` as an array.
	pub fn hex<const N: usize>(s: &str) -> [u8; N] {
		let mut out = [0u8; N];
		out.copy_from_slice(&hex_vec(s));
		out
	}

	/// Hex `s` as bytes.
	pub fn hex_vec(s: &str) -> Vec<u8> {
		let digit = |c: u8| (c as char).to_digit(16).unwrap_or(0) as u8;
		s.as_bytes().chunks(2).map(|pair| digit(pair[0]) << 4 | digit(pair[1])).collect()
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	use vector::*;

	#[test]
	fn commitment_is_libsodium_generichash() {
		let key: Vec<u8> = (0u8..32).collect();
		assert_eq!(commitment(&key), hex::<32>(COMMITMENT));
	}

	#[test]
	fn the_right_key_wins_for_the_seller() {
		let verdict = judge(&hex(PK), &hex(SK), &hex_vec(SEALED), &hex(COMMITMENT));
		assert_eq!(verdict, Verdict::RightKey);
	}

	#[test]
	fn a_wrong_key_wins_for_the_buyer() {
		let other = commitment(b"another key");
		assert_eq!(judge(&hex(PK), &hex(SK), &hex_vec(SEALED), &other), Verdict::WrongKey);
	}

	#[test]
	fn an_unopenable_box_wins_for_the_buyer() {
		let mut sealed = hex_vec(SEALED);
		sealed[40] ^= 1;
		assert_eq!(judge(&hex(PK), &hex(SK), &sealed, &hex(COMMITMENT)), Verdict::Unopenable);
		for len in [0, 47, 48, SEALED_KEY_LEN - 1, SEALED_KEY_LEN + 1, 1000] {
			let sealed = alloc::vec![0u8; len];
			assert_eq!(judge(&hex(PK), &hex(SK), &sealed, &hex(COMMITMENT)), Verdict::Unopenable);
		}
	}

	#[test]
	fn another_encoding_of_the_buyers_key_voids_the_dispute() {
		// The buyer's key with the top bit set is the same X25519 point, but a box sealed to
		// those bytes (as libsodium seals: the nonce hashes the key's bytes) does not unseal in
		// the runtime, which derives the key's canonical bytes. Were the points compared, the
		// buyer would open the box off chain and still win the dispute as `Unopenable`.
		let mut pk = hex::<32>(PK);
		pk[31] |= 0x80;
		let sealed = crypto_box::PublicKey::from(pk)
			.seal(&mut crate::mock::TestRng(7), &(0u8..32).collect::<Vec<_>>())
			.unwrap();
		assert_eq!(judge(&pk, &hex(SK), &sealed, &hex(COMMITMENT)), Verdict::SecretMismatch);
		assert!(is_weak_public_key(&pk), "and no purchase can be made with it");
	}

	#[test]
	fn only_canonical_keys_of_large_order_are_buyer_keys() {
		assert!(!is_weak_public_key(&hex(PK)));
		// The small-order points (libsodium refuses to seal to them), and every value from p on.
		for point in SMALL_ORDER_X25519 {
			assert!(is_weak_public_key(&point));
		}
		for low in 0xed..=0xff {
			let mut at_least_p = [0xff; 32];
			at_least_p[0] = low;
			at_least_p[31] = 0x7f;
			assert!(is_weak_public_key(&at_least_p));
		}
		let mut below_p_minus_1 = [0xff; 32];
		below_p_minus_1[0] = 0xeb;
		below_p_minus_1[31] = 0x7f;
		assert!(!is_weak_public_key(&below_p_minus_1));
	}

	fn chunk_dispute(commitment: &[u8; 32], shown: &[u8], index: u32) -> Verdict {
		let chunks = [hex_vec(CHUNK_0), hex_vec(CHUNK_1)];
		let path = package::package_path(&chunks, index);
		let package = CommittedPackage { key_commitment: commitment, root: &hex(ROOT), chunks: 2 };
		let shown = ShownChunk { index, sealed: shown, path: &path };
		judge_chunk(&hex(PK), &hex(SK), &hex_vec(SEALED), package, shown)
	}

	#[test]
	fn a_committed_chunk_the_key_opens_wins_for_the_seller() {
		assert_eq!(chunk_dispute(&hex(COMMITMENT), &hex_vec(CHUNK_1), 1), Verdict::RightKey);
	}

	#[test]
	fn a_committed_chunk_the_key_does_not_open_wins_for_the_buyer() {
		// The seller committed to this key and to a package whose chunk 1 another key sealed.
		let chunks = [hex_vec(CHUNK_0), package::seal_chunk(&[9; 32], 1, b"1,4.1\n")];
		let root = package::package_root(&chunks);
		let path = package::package_path(&chunks, 1);
		let package = CommittedPackage { key_commitment: &hex(COMMITMENT), root: &root, chunks: 2 };
		let shown = ShownChunk { index: 1, sealed: &chunks[1], path: &path };
		let verdict = judge_chunk(&hex(PK), &hex(SK), &hex_vec(SEALED), package, shown);
		assert_eq!(verdict, Verdict::ChunkDoesNotOpen(1));
	}

	#[test]
	fn a_chunk_outside_the_package_voids_the_dispute() {
		let forged = package::seal_chunk(&[9; 32], 1, b"1,4.1\n");
		assert_eq!(chunk_dispute(&hex(COMMITMENT), &forged, 1), Verdict::BadEvidence);
		assert_eq!(chunk_dispute(&hex(COMMITMENT), &hex_vec(CHUNK_1), 0), Verdict::BadEvidence);
	}

	#[test]
	fn a_wrong_key_wins_for_the_buyer_whatever_chunk_is_shown() {
		let other = commitment(b"another key");
		assert_eq!(chunk_dispute(&other, &hex_vec(CHUNK_0), 0), Verdict::WrongKey);
	}

	#[test]
	fn a_secret_of_another_key_voids_the_dispute() {
		let mut secret = hex::<32>(SK);
		secret[0] ^= 0x40;
		let verdict = judge(&hex(PK), &secret, &hex_vec(SEALED), &hex(COMMITMENT));
		assert_eq!(verdict, Verdict::SecretMismatch);
	}
}
