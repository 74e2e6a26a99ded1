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
//! 3. hashes what came out and compares it with the listing's commitment.

use alloc::vec::Vec;
use crypto_box::SecretKey;

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
	/// It opens to the committed key: the seller wins.
	RightKey,
}

/// Judges a dispute; see the module docs.
pub fn judge(
	buyer_public: &[u8; 32],
	revealed_secret: &[u8; 32],
	sealed_key: &[u8],
	commitment_of_key: &[u8; 32],
) -> Verdict {
	let secret = SecretKey::from(*revealed_secret);
	// The bytes, not the points: another encoding of the same point would unseal with another
	// nonce than the seller sealed with.
	if secret.public_key().as_bytes() != buyer_public {
		return Verdict::SecretMismatch;
	}
	let Some(key) = open(&secret, sealed_key) else { return Verdict::Unopenable };
	if commitment(&key) == *commitment_of_key {
		Verdict::RightKey
	} else {
		Verdict::WrongKey
	}
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
	/// The content key `0x00..=0x1f` sealed to [`PK`].
	pub const SEALED: &str = "66393ef84bc793d06b00df72cbfeefa28e6f90d1aef8ebfeba780a1068549b0d1b7af893ff26189fca6d9e23badd868f2443ee09255187e247e86e6cfecce187ae0251af2af02b1101fb1639e24e54bf";
	/// `BLAKE2b-256` of the content key.
	pub const COMMITMENT: &str = "cb2f5160fc1f7e05a55ef49d340b48da2e5a78099d53393351cd579dd42503d6";

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

	#[test]
	fn a_secret_of_another_key_voids_the_dispute() {
		let mut secret = hex::<32>(SK);
		secret[0] ^= 0x40;
		let verdict = judge(&hex(PK), &secret, &hex_vec(SEALED), &hex(COMMITMENT));
		assert_eq!(verdict, Verdict::SecretMismatch);
	}
}
