//! Where batch files are kept: content-addressed storage behind a small trait. The node
//! provides the backends (its embedded store, or kubo); tests use [`MemoryStore`].

use std::{collections::HashMap, sync::Mutex};

/// Content-addressed storage for batch files.
#[async_trait::async_trait]
pub trait ContentStore: Send + Sync {
	/// Stores and pins `bytes`; returns their CID (kubo's CIDv1 for them).
	async fn put(&self, bytes: &[u8]) -> Result<String, String>;
	/// The bytes of `cid`, if the store has them (checked against the CID).
	async fn get(&self, cid: &str) -> Result<Option<Vec<u8>>, String>;
	/// Whether `bytes` are the content of `cid` (a file fetched from a peer is kept only if
	/// they are).
	fn matches(&self, cid: &str, bytes: &[u8]) -> bool;
	/// What the store is, or why it cannot be used now (logged when the node starts).
	async fn check(&self) -> Result<String, String>;
}

/// A store in memory that names a file by a hash of its bytes (for tests).
#[derive(Default)]
pub struct MemoryStore {
	files: Mutex<HashMap<String, Vec<u8>>>,
	/// While set, every call fails (an engine that is down).
	pub down: std::sync::atomic::AtomicBool,
}

impl MemoryStore {
	/// The name this store gives `bytes`.
	pub fn cid_of(bytes: &[u8]) -> String {
		let hash = <sp_runtime::traits::BlakeTwo256 as sp_runtime::traits::Hash>::hash(bytes);
		let hex: String = hash.as_bytes().iter().map(|b| format!("{b:02x}")).collect();
		format!("mem{hex}")
	}

	fn ensure_up(&self) -> Result<(), String> {
		if self.down.load(std::sync::atomic::Ordering::Relaxed) {
			return Err("the store is down".into());
		}
		Ok(())
	}
}

#[async_trait::async_trait]
impl ContentStore for MemoryStore {
	async fn put(&self, bytes: &[u8]) -> Result<String, String> {
		self.ensure_up()?;
		let cid = Self::cid_of(bytes);
		self.files.lock().expect("never poisoned").insert(cid.clone(), bytes.to_vec());
		Ok(cid)
	}

	async fn get(&self, cid: &str) -> Result<Option<Vec<u8>>, String> {
		self.ensure_up()?;
		Ok(self.files.lock().expect("never poisoned").get(cid).cloned())
	}

	fn matches(&self, cid: &str, bytes: &[u8]) -> bool {
		Self::cid_of(bytes) == cid
	}

	async fn check(&self) -> Result<String, String> {
		self.ensure_up()?;
		Ok("memory store".into())
	}
}
