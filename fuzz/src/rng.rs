//! SplitMix64: the fuzzer's one generator, for the seeded runner's inputs and for sealing keys
//! (a run must replay byte for byte, so nothing draws from the system).

use crypto_box::aead::rand_core::{CryptoRng, Error, RngCore};

/// SplitMix64 from a seed.
pub struct SplitMix(pub u64);

impl SplitMix {
	/// A value below `n` (`n > 0`).
	pub fn below(&mut self, n: usize) -> usize {
		(self.next_u64() % n.max(1) as u64) as usize
	}

	/// `n` bytes.
	pub fn bytes(&mut self, n: usize) -> Vec<u8> {
		(0..n).map(|_| self.next_u64() as u8).collect()
	}
}

impl RngCore for SplitMix {
	fn next_u32(&mut self) -> u32 {
		self.next_u64() as u32
	}

	fn next_u64(&mut self) -> u64 {
		self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
		let mut z = self.0;
		z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
		z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
		z ^ (z >> 31)
	}

	fn fill_bytes(&mut self, dest: &mut [u8]) {
		for chunk in dest.chunks_mut(8) {
			chunk.copy_from_slice(&self.next_u64().to_le_bytes()[..chunk.len()]);
		}
	}

	fn try_fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), Error> {
		self.fill_bytes(dest);
		Ok(())
	}
}

// Only for deterministic test sealing: the fuzzer's keys protect nothing.
impl CryptoRng for SplitMix {}
