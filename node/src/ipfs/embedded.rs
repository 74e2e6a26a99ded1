//! The embedded store: batch files in a directory of the node's base path, one per CID.
//! Files are written atomically and never collected (pinned).

use super::{
	cid::{cid_of, well_formed},
	ContentStore,
};
use std::{
	fs,
	io::Write,
	path::{Path, PathBuf},
};

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

#[async_trait::async_trait]
impl ContentStore for EmbeddedStore {
	async fn put(&self, bytes: &[u8]) -> Result<String, String> {
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

	async fn get(&self, cid: &str) -> Result<Option<Vec<u8>>, String> {
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

	fn matches(&self, cid: &str, bytes: &[u8]) -> bool {
		cid_of(bytes) == cid
	}

	async fn check(&self) -> Result<String, String> {
		Ok(format!("embedded IPFS store in {}", self.dir.display()))
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[tokio::test]
	async fn the_embedded_store_reads_back_byte_identical() {
		let dir = tempfile::tempdir().unwrap();
		let store = EmbeddedStore::open(dir.path()).unwrap();
		let bytes: Vec<u8> = (0..600_000u32).map(|i| (i * 7) as u8).collect();
		let cid = store.put(&bytes).await.unwrap();
		assert_eq!(store.put(&bytes).await.unwrap(), cid, "storing twice is harmless");
		assert_eq!(store.get(&cid).await.unwrap(), Some(bytes));
		// Reopened (a node restart), it still has it.
		let again = EmbeddedStore::open(dir.path()).unwrap();
		assert!(again.get(&cid).await.unwrap().is_some());
	}

	#[tokio::test]
	async fn unknown_malformed_or_damaged_cids_read_as_missing() {
		let dir = tempfile::tempdir().unwrap();
		let store = EmbeddedStore::open(dir.path()).unwrap();
		assert_eq!(store.get(&cid_of(b"never stored")).await.unwrap(), None);
		assert_eq!(store.get("../../etc/passwd").await.unwrap(), None);
		assert_eq!(store.get("").await.unwrap(), None);
		let cid = store.put(b"original").await.unwrap();
		fs::write(dir.path().join(&cid), b"tampered").unwrap();
		assert_eq!(store.get(&cid).await.unwrap(), None);
	}
}
