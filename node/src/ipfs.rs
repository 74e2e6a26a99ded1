//! Where the node keeps DAG batch files: content-addressed storage behind a small trait.
//!
//! The default backend is an embedded store in the node's base path
//! (`<base>/chains/<chain>/ipfs/<cid>`): each file is named by its CIDv1 — codec `raw`
//! (0x55), multihash SHA2-256 — in multibase base32 (`b…`), the CID kubo gives the same bytes
//! with `ipfs add --cid-version 1 --raw-leaves` when they fit one block (256 KiB), so files
//! can move to kubo later. Files are written atomically and never collected (pinned); a file
//! whose bytes no longer hash to its CID is reported as missing.

use sha2::{Digest, Sha256};
use std::{
	fs,
	io::Write,
	path::{Path, PathBuf},
};

/// Content-addressed storage for batch files.
pub trait ContentStore: Send + Sync {
	/// Stores and pins `bytes`; returns their CID.
	fn put(&self, bytes: &[u8]) -> Result<String, String>;
	/// The bytes of `cid`, if stored here.
	fn get(&self, cid: &str) -> Result<Option<Vec<u8>>, String>;
}

/// The CIDv1 (raw, SHA2-256, base32) of `bytes`.
pub fn cid_of(bytes: &[u8]) -> String {
	let digest = Sha256::digest(bytes);
	let mut binary = vec![0x01, 0x55, 0x12, 0x20];
	binary.extend_from_slice(&digest);
	format!("b{}", base32(&binary))
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

/// Whether `cid` can be one of ours: `b` and base32 characters only (so never a path).
fn well_formed(cid: &str) -> bool {
	cid.len() == 59
		&& cid.starts_with('b')
		&& cid[1..].bytes().all(|c| matches!(c, b'a'..=b'z' | b'2'..=b'7'))
}

/// The embedded store: one file per CID in a directory.
pub struct EmbeddedStore {
	dir: PathBuf,
}

impl EmbeddedStore {
	/// The store in `dir` (created if missing).
	pub fn open(dir: &Path) -> Result<Self, String> {
		fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
		Ok(Self { dir: dir.to_path_buf() })
	}
}

impl ContentStore for EmbeddedStore {
	fn put(&self, bytes: &[u8]) -> Result<String, String> {
		let cid = cid_of(bytes);
		let path = self.dir.join(&cid);
		if path.exists() {
			return Ok(cid);
		}
		let temporary = self.dir.join(format!(".{cid}.tmp"));
		let write = || -> std::io::Result<()> {
			let mut file = fs::File::create(&temporary)?;
			file.write_all(bytes)?;
			file.sync_all()?;
			fs::rename(&temporary, &path)
		};
		write().map_err(|e| format!("storing {cid}: {e}"))?;
		Ok(cid)
	}

	fn get(&self, cid: &str) -> Result<Option<Vec<u8>>, String> {
		if !well_formed(cid) {
			return Ok(None);
		}
		match fs::read(self.dir.join(cid)) {
			Ok(bytes) if cid_of(&bytes) == cid => Ok(Some(bytes)),
			Ok(_) => Ok(None),
			Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
			Err(e) => Err(format!("reading {cid}: {e}")),
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn cids_match_kubo_for_raw_blocks() {
		// `ipfs add --cid-version 1 --raw-leaves` of "hello world\n" (the IPFS docs' example).
		assert_eq!(
			cid_of(b"hello world\n"),
			"bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4"
		);
		// Of no bytes at all.
		assert_eq!(cid_of(b""), "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku");
	}

	#[test]
	fn the_embedded_store_reads_back_byte_identical() {
		let dir = tempfile::tempdir().unwrap();
		let store = EmbeddedStore::open(dir.path()).unwrap();
		let bytes: Vec<u8> = (0..100_000u32).map(|i| (i * 7) as u8).collect();
		let cid = store.put(&bytes).unwrap();
		assert_eq!(store.put(&bytes).unwrap(), cid, "storing twice is harmless");
		assert_eq!(store.get(&cid).unwrap(), Some(bytes));
		// Reopened (a node restart), it still has it.
		let again = EmbeddedStore::open(dir.path()).unwrap();
		assert!(again.get(&cid).unwrap().is_some());
	}

	#[test]
	fn unknown_malformed_or_damaged_cids_read_as_missing() {
		let dir = tempfile::tempdir().unwrap();
		let store = EmbeddedStore::open(dir.path()).unwrap();
		assert_eq!(store.get(&cid_of(b"never stored")).unwrap(), None);
		assert_eq!(store.get("../../etc/passwd").unwrap(), None);
		assert_eq!(store.get("").unwrap(), None);
		let cid = store.put(b"original").unwrap();
		fs::write(dir.path().join(&cid), b"tampered").unwrap();
		assert_eq!(store.get(&cid).unwrap(), None);
	}
}
