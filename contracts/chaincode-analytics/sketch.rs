//! The aggregates contributors compute and the contract merges: HyperLogLog registers
//! (distinct counts) and Bloom filter bits (membership), both keyed by `BLAKE2b-256(item)`.
//!
//! ```text
//! h        = BLAKE2b-256(item)                       (32 bytes)
//! register = h[0]                                    (one of 256)
//! rank     = 1 + leading zero bits of h[1..9] (u64 big-endian), at most 65
//! bloom    = bits u16_le(h[16+2i..18+2i]) mod 1024, for i = 0, 1, 2 (bit b is byte b/8,
//!            mask 1 << (b % 8))
//! ```
//!
//! Merging is register-wise `max` and bit-wise `or`: the merge of two sketches is the sketch
//! of the union of their items, so contributors never reveal the items themselves. Integer
//! arithmetic only (pallet-contracts forbids floating point).

use ink::prelude::vec::Vec;

/// HyperLogLog registers: 2^8.
pub const REGISTERS: usize = 256;
/// The largest rank a register can hold (64 zero bits, plus one).
pub const MAX_RANK: u8 = 65;
/// Bloom filter bits.
pub const BLOOM_BITS: usize = 1024;
/// Bloom filter bytes.
pub const BLOOM_BYTES: usize = BLOOM_BITS / 8;
/// Bits set per item.
pub const BLOOM_HASHES: usize = 3;
/// `BLOOM_BITS - 1`.
const BLOOM_MASK: usize = 1023;

/// `BLAKE2b-256(item)`.
pub fn item_hash(item: &[u8]) -> [u8; 32] {
	let mut hash = [0u8; 32];
	ink::env::hash_bytes::<ink::env::hash::Blake2x256>(item, &mut hash);
	hash
}

/// The register an item lands in and its rank there.
pub fn hll_position(hash: &[u8; 32]) -> (usize, u8) {
	let mut rest = [0u8; 8];
	rest.copy_from_slice(&hash[1..9]);
	let zeros = u8::try_from(u64::from_be_bytes(rest).leading_zeros()).unwrap_or(64);
	(usize::from(hash[0]), zeros.saturating_add(1))
}

/// The Bloom filter bits of an item.
pub fn bloom_bits(hash: &[u8; 32]) -> [usize; BLOOM_HASHES] {
	// Bytes 16..18, 18..20, 20..22; BLOOM_BITS is a power of two, so `mod` is a mask.
	let bit = |at: usize| usize::from(u16::from_le_bytes([hash[at], hash[at | 1]])) & BLOOM_MASK;
	[bit(16), bit(18), bit(20)]
}

/// Adds `item` to registers and Bloom bits (what a contributor does off chain).
pub fn insert(registers: &mut [u8], bloom: &mut [u8], item: &[u8]) {
	let hash = item_hash(item);
	let (register, rank) = hll_position(&hash);
	registers[register] = registers[register].max(rank);
	for bit in bloom_bits(&hash) {
		bloom[bit / 8] |= 1 << (bit % 8);
	}
}

/// Whether the Bloom bits may contain `item` (false positives possible, no false negatives).
pub fn might_contain(bloom: &[u8], item: &[u8]) -> bool {
	bloom_bits(&item_hash(item)).iter().all(|bit| bloom[bit / 8] & (1 << (bit % 8)) != 0)
}

/// Merges `other` into `into`: register-wise max.
pub fn merge_registers(into: &mut [u8], other: &[u8]) {
	for (a, b) in into.iter_mut().zip(other) {
		*a = (*a).max(*b);
	}
}

/// Merges `other` into `into`: bit-wise or.
pub fn merge_bloom(into: &mut [u8], other: &[u8]) {
	for (a, b) in into.iter_mut().zip(other) {
		*a |= *b;
	}
}

/// Whether a contribution's sketches have the right shape.
pub fn well_formed(registers: &[u8], bloom: &[u8]) -> bool {
	registers.len() == REGISTERS
		&& bloom.len() == BLOOM_BYTES
		&& registers.iter().all(|r| *r <= MAX_RANK)
}

/// Empty sketches.
pub fn empty() -> (Vec<u8>, Vec<u8>) {
	(ink::prelude::vec![0; REGISTERS], ink::prelude::vec![0; BLOOM_BYTES])
}

/// `log2(x)` in Q32 fixed point, for `x >= 1`.
fn log2_q32(x: u64) -> u128 {
	let int = 63u32.saturating_sub(x.leading_zeros());
	// y = x / 2^int in [1, 2), as Q32.
	let mut y = (u128::from(x) << 32) >> int;
	let mut fraction = 0u128;
	for bit in (0..32).rev() {
		y = y.saturating_mul(y) >> 32;
		if y >= 2 << 32 {
			y >>= 1;
			fraction |= 1 << bit;
		}
	}
	(u128::from(int) << 32) | fraction
}

/// The HyperLogLog estimate of the number of distinct items (Flajolet et al. 2007, with
/// linear counting below 5m/2), standard error about 1.04/√256 = 6.5 %. Every step is
/// integer arithmetic that cannot overflow for 256 registers.
pub fn estimate(registers: &[u8]) -> u64 {
	/// α_256 = 0.7213 / (1 + 1.079/256) = 0.71827, as a fraction of 100,000.
	const ALPHA: u128 = 71_827;
	/// ln 2 in Q32.
	const LN2_Q32: u128 = 2_977_044_472;
	let m = registers.len() as u128;
	// Z = Σ 2^-M[j], in Q40 (ranks above 40 add under 2^-40 each).
	let z = registers.iter().map(|r| (1u128 << 40) >> (*r).min(40)).fold(0, u128::saturating_add);
	let raw = ALPHA
		.saturating_mul(m)
		.saturating_mul(m)
		.saturating_mul(1 << 40)
		.checked_div(z.saturating_mul(100_000))
		.unwrap_or(0);
	let zeros = registers.iter().filter(|r| **r == 0).count() as u64;
	if raw <= m.saturating_mul(5) >> 1 && zeros > 0 {
		// m · ln(m / V) = m · ln 2 · (log2 m − log2 V)
		let log_ratio =
			log2_q32(u64::try_from(m).unwrap_or(u64::MAX)).saturating_sub(log2_q32(zeros));
		let estimate =
			m.saturating_mul(LN2_Q32).saturating_mul(log_ratio).saturating_add(1 << 63) >> 64;
		return u64::try_from(estimate).unwrap_or(u64::MAX);
	}
	u64::try_from(raw).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
	use super::*;

	fn sketch_of(items: impl Iterator<Item = u32>) -> (Vec<u8>, Vec<u8>) {
		let (mut registers, mut bloom) = empty();
		for item in items {
			insert(&mut registers, &mut bloom, &item.to_le_bytes());
		}
		(registers, bloom)
	}

	#[test]
	fn log2_is_exact_on_powers_and_close_between() {
		assert_eq!(log2_q32(1), 0);
		assert_eq!(log2_q32(256), 8 << 32);
		let log2_3 = log2_q32(3) as f64 / (1u64 << 32) as f64;
		assert!((log2_3 - 3f64.log2()).abs() < 1e-8);
	}

	#[test]
	fn nothing_is_zero_and_few_items_are_counted_almost_exactly() {
		assert_eq!(estimate(&empty().0), 0);
		let (registers, _) = sketch_of(0..10);
		assert!((9..=11).contains(&estimate(&registers)), "{}", estimate(&registers));
	}

	#[test]
	fn many_items_are_counted_within_the_standard_error() {
		for n in [1_000u32, 20_000] {
			let (registers, _) = sketch_of(0..n);
			let e = estimate(&registers) as f64;
			assert!((e - n as f64).abs() / (n as f64) < 3.0 * 0.065, "{n}: {e}");
		}
	}

	#[test]
	fn merging_is_the_sketch_of_the_union() {
		let (mut a, mut bloom_a) = sketch_of(0..600);
		let (b, bloom_b) = sketch_of(400..1_000);
		merge_registers(&mut a, &b);
		merge_bloom(&mut bloom_a, &bloom_b);
		assert_eq!((a, bloom_a), sketch_of(0..1_000));
	}

	#[test]
	fn bloom_bits_have_no_false_negatives() {
		let (_, bloom) = sketch_of(0..50);
		assert!((0..50u32).all(|i| might_contain(&bloom, &i.to_le_bytes())));
		let false_positives =
			(1_000..2_000u32).filter(|i| might_contain(&bloom, &i.to_le_bytes())).count();
		assert!(false_positives < 10, "{false_positives} false positives in 1000");
	}

	#[test]
	fn shapes_are_checked() {
		let (registers, bloom) = empty();
		assert!(well_formed(&registers, &bloom));
		assert!(!well_formed(&registers[1..], &bloom));
		assert!(!well_formed(&registers, &bloom[1..]));
		let mut too_high = registers.clone();
		too_high[3] = MAX_RANK + 1;
		assert!(!well_formed(&too_high, &bloom));
	}
}
