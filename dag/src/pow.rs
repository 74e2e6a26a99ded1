//! The light proof of work that stamps a transaction (anti-spam).
//!
//! ```text
//! work  = BLAKE2b-256("itc/dag/pow/v1" ‖ id (32) ‖ nonce (u64 LE))
//! valid ⇔ work starts with at least `difficulty` zero bits
//! ```
//!
//! A sender tries nonces from any start until one is valid: on average `2^difficulty`
//! hashes; checking it is one hash. The difficulty is the node's, readable over RPC.

use crate::tx::TxId;

/// Context string of the work hash.
pub const POW_CONTEXT: &[u8] = b"itc/dag/pow/v1";

/// The work hash of `id` with `nonce`.
pub fn work(id: &TxId, nonce: u64) -> [u8; 32] {
	let mut input = [0u8; 14 + 32 + 8];
	input[..14].copy_from_slice(POW_CONTEXT);
	input[14..46].copy_from_slice(id);
	input[46..].copy_from_slice(&nonce.to_le_bytes());
	sp_crypto_hashing::blake2_256(&input)
}

/// Leading zero bits of `hash`.
pub fn leading_zeros(hash: &[u8; 32]) -> u32 {
	let mut zeros = 0;
	for byte in hash {
		if *byte == 0 {
			zeros += 8;
		} else {
			return zeros + byte.leading_zeros();
		}
	}
	zeros
}

/// Whether `nonce` is a proof of work of `difficulty` bits for `id`.
pub fn is_valid(id: &TxId, nonce: u64, difficulty: u8) -> bool {
	leading_zeros(&work(id, nonce)) >= u32::from(difficulty)
}

/// The first nonce from `start` that proves `difficulty` bits of work for `id`.
pub fn solve(id: &TxId, difficulty: u8, start: u64) -> u64 {
	let mut nonce = start;
	while !is_valid(id, nonce, difficulty) {
		nonce = nonce.wrapping_add(1);
	}
	nonce
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn leading_zeros_count_bits() {
		let mut hash = [0xff; 32];
		assert_eq!(leading_zeros(&hash), 0);
		hash[0] = 0;
		hash[1] = 0x1f;
		assert_eq!(leading_zeros(&hash), 11);
		assert_eq!(leading_zeros(&[0; 32]), 256);
	}

	#[test]
	fn a_solved_nonce_is_valid_and_checking_is_one_hash() {
		let id = [7; 32];
		for difficulty in [0, 1, 8, 12] {
			let nonce = solve(&id, difficulty, 0);
			assert!(is_valid(&id, nonce, difficulty));
			assert!(leading_zeros(&work(&id, nonce)) >= u32::from(difficulty));
		}
	}

	#[test]
	fn difficulty_sets_the_expected_number_of_tries() {
		// 2^8 = 256 hashes on average; over 200 ids the mean lies well within 150 … 400.
		let tries: u64 = (0..200u32)
			.map(|i| {
				let mut id = [0; 32];
				id[..4].copy_from_slice(&i.to_le_bytes());
				solve(&id, 8, 0) + 1
			})
			.sum();
		let mean = tries / 200;
		assert!((150..400).contains(&mean), "mean tries {mean}");
	}

	#[test]
	fn the_work_hash_has_the_documented_input() {
		let mut input = b"itc/dag/pow/v1".to_vec();
		input.extend([3; 32]);
		input.extend(9u64.to_le_bytes());
		assert_eq!(work(&[3; 32], 9), sp_crypto_hashing::blake2_256(&input));
	}
}
