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
use crypto_box::{PublicKey, SecretKey};

/// Length of a content key.
pub const CONTENT_KEY_LEN: usize = 32;
/// What a sealed box adds to its plaintext: the ephemeral public key and the Poly1305 tag.
pub const SEAL_OVERHEAD: usize = 32 + 16;
/// Length of a sealed content key.
pub const SEALED_KEY_LEN: usize = CONTENT_KEY_LEN + SEAL_OVERHEAD;

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
	if secret.public_key() != PublicKey::from(*buyer_public) {
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
	fn a_secret_of_another_key_voids_the_dispute() {
		let mut secret = hex::<32>(SK);
		secret[0] ^= 0x40;
		let verdict = judge(&hex(PK), &secret, &hex_vec(SEALED), &hex(COMMITMENT));
		assert_eq!(verdict, Verdict::SecretMismatch);
	}
}
