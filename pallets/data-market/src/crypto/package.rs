//! The package format: a content key's data cut into chunks, each sealed on its own, and
//! committed to by a Merkle root, so that a dispute can prove that the committed key does not
//! open one chunk by showing that chunk alone.
//!
//! - Data is cut into [`CHUNK_LEN`]-byte plaintext chunks (the last may be shorter, or empty
//!   for empty data: there is always at least one chunk).
//! - Chunk `i` is `crypto_secretbox_easy(chunk, chunk_nonce(i), content key)`: XSalsa20 with
//!   the Poly1305 tag first, as libsodium lays it out. The nonce is the chunk's index
//!   (little-endian, eight bytes) and sixteen zero bytes: sound because a content key seals one
//!   package only.
//! - The package is the sealed chunks one after another: every chunk [`MAX_SEALED_CHUNK`]
//!   bytes but the last.
//! - `leaf(i) = BLAKE2b-256(0x00 ‖ LE32(i) ‖ sealed chunk i)`, `node = BLAKE2b-256(0x01 ‖ left ‖
//!   right)`; the leaves are padded to a power of two with [`empty`] `= BLAKE2b-256(0x02)`. The
//!   root and the number of chunks are what a listing commits to.

use sp_io::hashing::blake2_256;

/// Length of a plaintext chunk (all but the last).
pub const CHUNK_LEN: usize = 4096;
/// What sealing adds to a chunk: the Poly1305 tag.
pub const TAG_LEN: usize = 16;
/// The longest sealed chunk.
pub const MAX_SEALED_CHUNK: usize = CHUNK_LEN + TAG_LEN;
/// The longest Merkle path: packages of up to 2³² chunks.
pub const MAX_PROOF_DEPTH: usize = 32;

/// The nonce chunk `index` is sealed with.
pub fn chunk_nonce(index: u32) -> [u8; 24] {
	let mut nonce = [0u8; 24];
	nonce[..8].copy_from_slice(&u64::from(index).to_le_bytes());
	nonce
}

/// The leaf of sealed chunk `index`.
pub fn leaf(index: u32, sealed: &[u8]) -> [u8; 32] {
	let mut preimage = alloc::vec::Vec::with_capacity(5 + sealed.len());
	preimage.push(0);
	preimage.extend_from_slice(&index.to_le_bytes());
	preimage.extend_from_slice(sealed);
	blake2_256(&preimage)
}

/// The parent of two nodes.
pub fn node(left: &[u8; 32], right: &[u8; 32]) -> [u8; 32] {
	let mut preimage = [0u8; 65];
	preimage[0] = 1;
	preimage[1..33].copy_from_slice(left);
	preimage[33..].copy_from_slice(right);
	blake2_256(&preimage)
}

/// The padding leaf.
pub fn empty() -> [u8; 32] {
	blake2_256(&[2])
}

/// The length of every Merkle path of a package of `chunks` chunks: ⌈log₂ chunks⌉.
pub fn depth(chunks: u32) -> usize {
	match chunks {
		0 | 1 => 0,
		n => (32 - (n - 1).leading_zeros()) as usize,
	}
}

/// The root reached from leaf `index` up `path` (siblings, the leaf's first).
pub fn root_from_path(index: u32, leaf: [u8; 32], path: &[[u8; 32]]) -> [u8; 32] {
	path.iter().enumerate().fold(leaf, |hash, (level, sibling)| {
		if (index >> level) & 1 == 0 {
			node(&hash, sibling)
		} else {
			node(sibling, &hash)
		}
	})
}

/// Whether `sealed` is chunk `index` of the package of `chunks` chunks committed by `root`:
/// the index in range, at most a sealed chunk's length, a path of the package's depth leading
/// to the root. A committed chunk too short to hold a tag is committed all the same: no key
/// opens it, so a seller who committed one loses its dispute.
pub fn is_committed(
	root: &[u8; 32],
	chunks: u32,
	index: u32,
	sealed: &[u8],
	path: &[[u8; 32]],
) -> bool {
	index < chunks
		&& sealed.len() <= MAX_SEALED_CHUNK
		&& path.len() == depth(chunks)
		&& root_from_path(index, leaf(index, sealed), path) == *root
}

/// Whether `key` opens sealed chunk `index`: its Poly1305 tag checks.
pub fn opens(key: &[u8; 32], index: u32, sealed: &[u8]) -> bool {
	use crypto_secretbox::{aead::AeadInPlace, KeyInit, Tag, XSalsa20Poly1305};
	if sealed.len() < TAG_LEN {
		return false;
	}
	let (tag, body) = sealed.split_at(TAG_LEN);
	let mut body = body.to_vec();
	XSalsa20Poly1305::new(key.into())
		.decrypt_in_place_detached(&chunk_nonce(index).into(), &[], &mut body, Tag::from_slice(tag))
		.is_ok()
}

/// Seals chunk `index` as a seller does (clients in Rust, tests and benchmarks).
#[cfg(any(feature = "std", feature = "runtime-benchmarks"))]
pub fn seal_chunk(key: &[u8; 32], index: u32, plain: &[u8]) -> alloc::vec::Vec<u8> {
	use crypto_secretbox::{aead::AeadInPlace, KeyInit, XSalsa20Poly1305};
	let mut body = plain.to_vec();
	let tag = XSalsa20Poly1305::new(key.into())
		.encrypt_in_place_detached(&chunk_nonce(index).into(), &[], &mut body)
		.expect("a chunk is far below the cipher's limit");
	let mut sealed = tag.to_vec();
	sealed.extend_from_slice(&body);
	sealed
}

/// The levels of the Merkle tree of `sealed` chunks, leaves first, root last.
#[cfg(any(feature = "std", feature = "runtime-benchmarks"))]
fn levels(sealed: &[alloc::vec::Vec<u8>]) -> alloc::vec::Vec<alloc::vec::Vec<[u8; 32]>> {
	let mut level: alloc::vec::Vec<[u8; 32]> =
		sealed.iter().enumerate().map(|(i, c)| leaf(i as u32, c)).collect();
	level.resize(level.len().next_power_of_two(), empty());
	let mut levels = alloc::vec![level];
	while levels.last().map_or(0, |l| l.len()) > 1 {
		let below = levels.last().expect("not empty");
		let above = below.chunks(2).map(|pair| node(&pair[0], &pair[1])).collect();
		levels.push(above);
	}
	levels
}

/// The root of a package of `sealed` chunks (at least one), as a seller commits to it.
#[cfg(any(feature = "std", feature = "runtime-benchmarks"))]
pub fn package_root(sealed: &[alloc::vec::Vec<u8>]) -> [u8; 32] {
	levels(sealed).last().and_then(|l| l.first().copied()).unwrap_or_default()
}

/// The Merkle path of chunk `index` of a package of `sealed` chunks, as a buyer shows it.
#[cfg(any(feature = "std", feature = "runtime-benchmarks"))]
pub fn package_path(sealed: &[alloc::vec::Vec<u8>], index: u32) -> alloc::vec::Vec<[u8; 32]> {
	let levels = levels(sealed);
	let below_root = levels.len().saturating_sub(1);
	levels[..below_root]
		.iter()
		.enumerate()
		.map(|(level, hashes)| hashes[((index as usize) >> level) ^ 1])
		.collect()
}

#[cfg(test)]
mod tests {
	use super::{super::vector::*, *};

	fn chunks() -> alloc::vec::Vec<alloc::vec::Vec<u8>> {
		alloc::vec![hex_vec(CHUNK_0), hex_vec(CHUNK_1)]
	}

	#[test]
	fn libsodium_chunks_open_with_their_key_and_index_only() {
		let key: [u8; 32] = core::array::from_fn(|i| i as u8);
		let [c0, c1] = [hex_vec(CHUNK_0), hex_vec(CHUNK_1)];
		assert!(opens(&key, 0, &c0));
		assert!(opens(&key, 1, &c1));
		assert!(!opens(&key, 1, &c0), "the index is bound by the nonce");
		assert!(!opens(&[7; 32], 0, &c0));
		let mut flipped = c0.clone();
		flipped[20] ^= 1;
		assert!(!opens(&key, 0, &flipped));
		assert!(!opens(&key, 0, &c0[..TAG_LEN - 1]));
		assert_eq!(seal_chunk(&key, 0, b"t,c\n0,4.5\n"), c0, "sealed as libsodium seals");
	}

	#[test]
	fn the_root_is_the_one_libsodium_clients_compute() {
		assert_eq!(package_root(&chunks()), hex::<32>(ROOT));
		assert_eq!(empty(), hex::<32>(EMPTY));
		let single = alloc::vec![hex_vec(CHUNK_0)];
		assert_eq!(package_root(&single), leaf(0, &single[0]), "one chunk: the root is its leaf");
	}

	#[test]
	fn every_chunk_proves_against_the_root_and_nothing_else_does() {
		for n in [1u32, 2, 3, 5, 8, 9] {
			let key = [3; 32];
			let sealed: alloc::vec::Vec<_> =
				(0..n).map(|i| seal_chunk(&key, i, &[i as u8; 10])).collect();
			let root = package_root(&sealed);
			for i in 0..n {
				let path = package_path(&sealed, i);
				assert_eq!(path.len(), depth(n));
				assert!(is_committed(&root, n, i, &sealed[i as usize], &path));
				assert!(!is_committed(&root, n, i ^ 1, &sealed[i as usize], &path));
				assert!(!is_committed(&root, n + 8, i, &sealed[i as usize], &path));
				let mut forged = sealed[i as usize].clone();
				forged[0] ^= 1;
				assert!(!is_committed(&root, n, i, &forged, &path));
			}
			assert!(!is_committed(&root, n, n, &sealed[0], &package_path(&sealed, 0)));
		}
	}

	#[test]
	fn depth_is_the_ceiling_of_log2() {
		let cases = [(1, 0), (2, 1), (3, 2), (4, 2), (5, 3), (1 << 31, 31), (u32::MAX, 32)];
		for (chunks, d) in cases {
			assert_eq!(depth(chunks), d, "{chunks} chunks");
		}
	}

	#[test]
	fn a_chunk_too_long_is_not_committed_and_one_too_short_opens_with_no_key() {
		let short = [0u8; TAG_LEN - 1];
		assert!(is_committed(&leaf(0, &short), 1, 0, &short, &[]));
		assert!(!opens(&[0; 32], 0, &short));
		let long = alloc::vec![0u8; MAX_SEALED_CHUNK + 1];
		assert!(!is_committed(&leaf(0, &long), 1, 0, &long, &[]));
		let longest = alloc::vec![0u8; MAX_SEALED_CHUNK];
		assert!(is_committed(&leaf(0, &longest), 1, 0, &longest, &[]));
	}
}
