//! The byte reader that turns a fuzzer's input into choices.
//!
//! Our own reader rather than `arbitrary`, so that hand-written scenarios can be encoded byte
//! for byte. An exhausted input reads as zeros; callers stop when [`Input::is_empty`].

/// A cursor over the fuzzer's bytes.
pub struct Input<'a> {
	data: &'a [u8],
}

impl<'a> Input<'a> {
	/// Reads from `data`.
	pub fn new(data: &'a [u8]) -> Self {
		Self { data }
	}

	/// Whether every byte was read.
	pub fn is_empty(&self) -> bool {
		self.data.is_empty()
	}

	/// The next byte, 0 when exhausted.
	pub fn byte(&mut self) -> u8 {
		match self.data.split_first() {
			Some((b, rest)) => {
				self.data = rest;
				*b
			},
			None => 0,
		}
	}

	/// A little-endian `u16`.
	pub fn u16(&mut self) -> u16 {
		u16::from_le_bytes([self.byte(), self.byte()])
	}

	/// A little-endian `u32`.
	pub fn u32(&mut self) -> u32 {
		u32::from_le_bytes([self.byte(), self.byte(), self.byte(), self.byte()])
	}

	/// A little-endian `u64`.
	pub fn u64(&mut self) -> u64 {
		u64::from(self.u32()) | (u64::from(self.u32()) << 32)
	}

	/// A value below `n` (`n > 0`), from one byte when `n` fits in one.
	pub fn below(&mut self, n: usize) -> usize {
		if n <= 256 {
			usize::from(self.byte()) % n
		} else {
			usize::from(self.u16()) % n
		}
	}

	/// Whether the next byte is odd.
	pub fn flag(&mut self) -> bool {
		self.byte() & 1 == 1
	}

	/// True once in `n` (by the next byte).
	pub fn one_in(&mut self, n: u8) -> bool {
		self.byte().is_multiple_of(n)
	}

	/// Up to `n` bytes (fewer when the input ends).
	pub fn bytes(&mut self, n: usize) -> &'a [u8] {
		let n = n.min(self.data.len());
		let (head, rest) = self.data.split_at(n);
		self.data = rest;
		head
	}

	/// The rest of the input.
	pub fn rest(&mut self) -> &'a [u8] {
		core::mem::take(&mut self.data)
	}

	/// An index into `weights`, each chosen in proportion to its weight (a total below 65,536).
	pub fn weighted(&mut self, weights: &[u16]) -> usize {
		let total: u32 = weights.iter().map(|w| u32::from(*w)).sum();
		let mut pick = u32::from(self.u16()) % total.max(1);
		for (i, w) in weights.iter().enumerate() {
			if pick < u32::from(*w) {
				return i;
			}
			pick -= u32::from(*w);
		}
		weights.len() - 1
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn an_exhausted_input_reads_zeros() {
		let mut input = Input::new(&[7]);
		assert_eq!(input.byte(), 7);
		assert!(input.is_empty());
		assert_eq!(input.u64(), 0);
	}

	#[test]
	fn weighted_follows_the_weights() {
		// 0x0000 → first; 3 → second (weights 3 and 1).
		assert_eq!(Input::new(&[0, 0]).weighted(&[3, 1]), 0);
		assert_eq!(Input::new(&[3, 0]).weighted(&[3, 1]), 1);
		assert_eq!(Input::new(&[4, 0]).weighted(&[3, 1]), 0);
	}
}
