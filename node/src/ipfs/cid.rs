//! The CIDs of batch files: the ones kubo gives the same bytes with
//! `ipfs add --cid-version 1 --raw-leaves` and its default chunker and layout, so every
//! validator computes the same CID whichever store it uses, and files move between stores
//! unchanged.
//!
//! - The bytes are cut into 256 KiB chunks; each is a `raw` (0x55) block.
//! - One chunk: the file's CID is that block's.
//! - More: a balanced tree of `dag-pb` (0x70) UnixFS file nodes, at most 174 links each,
//!   filled left to right (kubo's balanced layout); the file's CID is the root's.
//!
//! All CIDs are version 1 with a SHA2-256 multihash, written in multibase base32 (`b…`).

use sha2::{Digest, Sha256};

/// Bytes per leaf block (kubo's default chunker, `size-262144`).
pub const CHUNK_SIZE: usize = 262_144;
/// Links per UnixFS node (kubo's balanced layout).
pub const MAX_LINKS: usize = 174;
/// The `chunker` option that gives these CIDs.
pub const CHUNKER: &str = "size-262144";

const RAW: u8 = 0x55;
const DAG_PB: u8 = 0x70;

/// A block of the file's tree.
struct Block {
	/// The block's binary CID.
	cid: [u8; 36],
	/// The file bytes under it.
	file_size: u64,
	/// The bytes of every block under it, itself included (dag-pb's `Tsize`).
	tree_size: u64,
}

/// The CID of the file `bytes`.
pub fn cid_of(bytes: &[u8]) -> String {
	let mut level: Vec<Block> = bytes.chunks(CHUNK_SIZE).map(leaf).collect();
	if level.is_empty() {
		level.push(leaf(&[]));
	}
	while level.len() > 1 {
		level = level.chunks(MAX_LINKS).map(branch).collect();
	}
	format!("b{}", base32(&level[0].cid))
}

/// Whether `cid` can be one of ours: a base32 CIDv1 (`raw` or `dag-pb`, SHA2-256) — and so
/// never a path.
pub fn well_formed(cid: &str) -> bool {
	cid.len() == 59
		&& (cid.starts_with("bafkrei") || cid.starts_with("bafybei"))
		&& cid[1..].bytes().all(|c| matches!(c, b'a'..=b'z' | b'2'..=b'7'))
}

/// `cid` in our form (base32), whatever multibase it was written in; `None` if it is not a
/// CID.
pub fn normalize(cid: &str) -> Option<String> {
	::cid::Cid::try_from(cid).ok().map(|cid| cid.to_string())
}

fn binary_cid(codec: u8, block: &[u8]) -> [u8; 36] {
	let mut cid = [0u8; 36];
	cid[..4].copy_from_slice(&[0x01, codec, 0x12, 0x20]);
	cid[4..].copy_from_slice(&Sha256::digest(block));
	cid
}

fn leaf(chunk: &[u8]) -> Block {
	let size = chunk.len() as u64;
	Block { cid: binary_cid(RAW, chunk), file_size: size, tree_size: size }
}

/// A UnixFS file node over `children`, encoded as dag-pb: links first (Hash, Name "",
/// Tsize), then the UnixFS data (Type File, filesize, blocksizes).
fn branch(children: &[Block]) -> Block {
	let file_size: u64 = children.iter().map(|c| c.file_size).sum();
	let mut data = vec![0x08, 0x02, 0x18];
	varint(&mut data, file_size);
	for child in children {
		data.push(0x20);
		varint(&mut data, child.file_size);
	}
	let mut node = Vec::with_capacity(children.len() * 48 + data.len() + 4);
	for child in children {
		let mut link = vec![0x0a, child.cid.len() as u8];
		link.extend_from_slice(&child.cid);
		link.extend_from_slice(&[0x12, 0x00, 0x18]);
		varint(&mut link, child.tree_size);
		node.push(0x12);
		varint(&mut node, link.len() as u64);
		node.extend_from_slice(&link);
	}
	node.push(0x0a);
	varint(&mut node, data.len() as u64);
	node.extend_from_slice(&data);
	let tree_size = node.len() as u64 + children.iter().map(|c| c.tree_size).sum::<u64>();
	Block { cid: binary_cid(DAG_PB, &node), file_size, tree_size }
}

/// Protobuf's unsigned varint.
fn varint(out: &mut Vec<u8>, mut value: u64) {
	while value >= 0x80 {
		out.push((value as u8) | 0x80);
		value >>= 7;
	}
	out.push(value as u8);
}

/// RFC 4648 base32, lower case, no padding (multibase `b`).
fn base32(bytes: &[u8]) -> String {
	const ALPHABET: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";
	let mut out = String::with_capacity(bytes.len() * 8 / 5 + 1);
	let (mut buffer, mut bits) = (0u32, 0u32);
	for byte in bytes {
		buffer = (buffer << 8) | u32::from(*byte);
		bits += 8;
		while bits >= 5 {
			bits -= 5;
			out.push(ALPHABET[((buffer >> bits) & 31) as usize] as char);
		}
	}
	if bits > 0 {
		out.push(ALPHABET[((buffer << (5 - bits)) & 31) as usize] as char);
	}
	out
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn one_chunk_files_have_kubos_raw_cids() {
		// `ipfs add --cid-version 1 --raw-leaves` of "hello world\n" (the IPFS docs' example).
		assert_eq!(
			cid_of(b"hello world\n"),
			"bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4"
		);
		// Of no bytes at all.
		assert_eq!(cid_of(b""), "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku");
		assert!(cid_of(&[7; CHUNK_SIZE]).starts_with("bafkrei"));
	}

	#[test]
	fn larger_files_are_dag_pb_trees() {
		// Checked against a real engine in `kubo.rs`; here only the shape.
		let two = cid_of(&[7; CHUNK_SIZE + 1]);
		assert!(two.starts_with("bafybei") && well_formed(&two));
		assert_ne!(two, cid_of(&[7; CHUNK_SIZE + 2]));
	}

	#[test]
	fn cids_are_normalized_to_base32() {
		// js-ipfs writes CIDv1 in base58btc.
		assert_eq!(
			normalize("zb2rhi36Gc9GJWijLEL6zW45MBux5FcFv5gJmjXA7VAMozEXY").as_deref(),
			Some("bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4")
		);
		assert_eq!(normalize("not a cid"), None);
		assert!(!well_formed("../../etc/passwd"));
		assert!(!well_formed(""));
	}
}
