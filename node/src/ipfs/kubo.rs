//! The kubo backend (`--ipfs-api <url>`): batch files go to an IPFS engine's HTTP RPC
//! (`/api/v0/add`, `cat`, `version`) through `ipfs-api-backend-hyper`.
//!
//! Files are added as CIDv1 with raw leaves, SHA2-256 and kubo's default chunker, pinned; the
//! CID the engine answers must be [`cid_of`] the bytes, or the file is not taken as stored
//! (an engine that chunks differently would make this validator propose a summary nobody
//! else does). Reads are bounded in time — an engine asked for a block it lacks searches the
//! network until told to stop — and are checked against the CID.

use super::{
	cid::{cid_of, normalize, well_formed, CHUNKER},
	ContentStore,
};
use futures::TryStreamExt;
use ipfs_api_backend_hyper::{
	request::Add, BackendWithGlobalOptions, Form, GlobalOptions, IpfsApi, IpfsClient, TryFromUri,
};
use ipfs_api_prelude::Backend;
use std::{future::Future, io::Cursor, time::Duration};

/// How long an engine may take to store a batch file.
const PUT_TIMEOUT: Duration = Duration::from_secs(120);

/// An IPFS engine that serves kubo's HTTP RPC.
pub struct KuboStore {
	client: IpfsClient,
	/// The same engine, told to give up on reads after `read_timeout`.
	bounded: BackendWithGlobalOptions<IpfsClient>,
	read_timeout: Duration,
	url: String,
}

impl KuboStore {
	/// The engine at `url` (`http://127.0.0.1:5001`); reads give up after `read_timeout`.
	pub fn new(url: &str, read_timeout: Duration) -> Result<Self, String> {
		let client = IpfsClient::from_str(url).map_err(|e| format!("--ipfs-api {url:?}: {e}"))?;
		let options = GlobalOptions { offline: None, timeout: Some(read_timeout) };
		Ok(Self {
			bounded: BackendWithGlobalOptions::new(client.clone(), options),
			client,
			read_timeout,
			url: url.to_string(),
		})
	}

	/// Whether the engine is on this host.
	pub fn is_loopback(&self) -> bool {
		let authority = self.url.split("://").nth(1).unwrap_or(&self.url);
		let authority = authority.split('/').next().unwrap_or_default();
		let host = authority.rsplit_once(':').map_or(authority, |(host, _port)| host);
		matches!(host, "localhost" | "127.0.0.1" | "[::1]")
	}

	fn failed(&self, what: &str, error: impl std::fmt::Display) -> String {
		format!("IPFS engine at {}: {what}: {error}", self.url)
	}
}

/// `future`'s output, or an error once `limit` has passed.
async fn bounded<T>(limit: Duration, future: impl Future<Output = T>) -> Result<T, String> {
	tokio::time::timeout(limit, future).await.map_err(|_| format!("no answer within {limit:?}"))
}

/// The CID in `add`'s answer: its last line's `Hash` (kubo writes `Size` as a string, js-ipfs
/// as a number, so the answer is read field by field).
fn added_cid(answer: &str) -> Option<String> {
	let last = answer.lines().rev().find(|line| !line.trim().is_empty())?;
	let value: serde_json::Value = serde_json::from_str(last).ok()?;
	normalize(value.get("Hash")?.as_str()?)
}

#[async_trait::async_trait]
impl ContentStore for KuboStore {
	async fn put(&self, bytes: &[u8]) -> Result<String, String> {
		let expected = cid_of(bytes);
		let options = Add {
			cid_version: Some(1),
			raw_leaves: Some(true),
			hash: Some("sha2-256"),
			chunker: Some(CHUNKER),
			pin: Some(true),
			..Default::default()
		};
		let mut form = Form::default();
		form.add_reader("path", Cursor::new(bytes.to_vec()));
		let answer = bounded(PUT_TIMEOUT, self.client.request_string(options, Some(form)))
			.await?
			.map_err(|e| self.failed("add", e))?;
		let cid = added_cid(&answer)
			.ok_or_else(|| self.failed("add", format!("unexpected answer {answer:?}")))?;
		if cid != expected {
			return Err(self.failed(
				"add",
				format!("stored as {cid}, not {expected}: is it set to another chunker or hash?"),
			));
		}
		Ok(cid)
	}

	async fn get(&self, cid: &str) -> Result<Option<Vec<u8>>, String> {
		if !well_formed(cid) {
			return Ok(None);
		}
		let read = self.bounded.cat(cid).map_ok(|chunk| chunk.to_vec()).try_concat();
		// A little longer than the engine's own limit, for its answer to arrive.
		match bounded(self.read_timeout + Duration::from_secs(2), read).await? {
			Ok(bytes) if cid_of(&bytes) == cid => Ok(Some(bytes)),
			Ok(_) => Ok(None),
			// The engine answered, without the file (not found, timed out searching).
			Err(ipfs_api_backend_hyper::Error::Api(e)) => {
				log::debug!(target: "ipfs", "{}", self.failed("cat", e));
				Ok(None)
			},
			Err(e) => Err(self.failed("cat", e)),
		}
	}

	fn matches(&self, cid: &str, bytes: &[u8]) -> bool {
		cid_of(bytes) == cid
	}

	async fn check(&self) -> Result<String, String> {
		let version = bounded(self.read_timeout, self.client.version()).await?;
		let version = version.map_err(|e| self.failed("version", e))?;
		Ok(format!("IPFS engine {} at {}", version.version, self.url))
	}
}

#[cfg(test)]
mod tests {
	//! Against a real IPFS engine on loopback: js-ipfs (npm `ipfs`), which serves kubo's HTTP
	//! RPC; `tests/ipfs/engine.sh` starts it offline, with no bootstrap peers.

	use super::*;
	use crate::ipfs::EmbeddedStore;
	use std::{
		io::{BufRead, BufReader},
		process::{Child, Command, Stdio},
	};

	/// A running engine, stopped when dropped.
	struct Engine {
		child: Child,
		url: String,
		_repo: tempfile::TempDir,
	}

	impl Drop for Engine {
		fn drop(&mut self) {
			let _ = self.child.kill();
			let _ = self.child.wait();
		}
	}

	fn free_port() -> u16 {
		std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
	}

	fn start_engine() -> Engine {
		let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/ipfs/engine.sh");
		let repo = tempfile::tempdir().unwrap();
		let port = free_port();
		let mut child = Command::new(script)
			.arg(repo.path())
			.arg(port.to_string())
			.stdout(Stdio::piped())
			.spawn()
			.expect("tests/ipfs/engine.sh runs (scripts/setup.sh installs the engine)");
		let stdout = child.stdout.take().unwrap();
		let ready = BufReader::new(stdout)
			.lines()
			.map_while(Result::ok)
			.any(|line| line.contains("Daemon is ready"));
		assert!(ready, "the IPFS engine did not start (is tests/ipfs installed? scripts/setup.sh)");
		Engine { child, url: format!("http://127.0.0.1:{port}"), _repo: repo }
	}

	/// Deterministic bytes that do not repeat within a chunk.
	fn bytes(len: usize) -> Vec<u8> {
		let mut state = 0x2545_f491_4f6c_dd1du64;
		(0..len)
			.map(|_| {
				state ^= state << 13;
				state ^= state >> 7;
				state ^= state << 17;
				state as u8
			})
			.collect()
	}

	#[tokio::test]
	async fn a_real_engine_stores_pins_and_returns_batches_under_our_cids() {
		let engine = start_engine();
		let kubo = KuboStore::new(&engine.url, Duration::from_secs(2)).unwrap();
		assert!(kubo.check().await.unwrap().contains(&engine.url));
		assert!(kubo.is_loopback());
		let dir = tempfile::tempdir().unwrap();
		let embedded = EmbeddedStore::open(dir.path()).unwrap();
		// One block, exactly one chunk, two chunks, a full node of 174 leaves, and two levels.
		const CHUNK: usize = super::super::cid::CHUNK_SIZE;
		for len in [12, 100_000, CHUNK, CHUNK + 1, 3 * CHUNK + 17, 174 * CHUNK, 174 * CHUNK + 1] {
			let file = bytes(len);
			let cid = kubo.put(&file).await.unwrap_or_else(|e| panic!("{len} bytes: {e}"));
			assert_eq!(cid, embedded.put(&file).await.unwrap(), "{len} bytes: same CID");
			assert_eq!(kubo.get(&cid).await.unwrap(), Some(file), "{len} bytes read back");
			let pinned = kubo.client.pin_ls(Some(&cid), None).await;
			assert!(pinned.is_ok(), "{len} bytes: pinned ({pinned:?})");
		}
	}

	#[tokio::test]
	async fn missing_or_malformed_cids_read_as_missing_without_hanging() {
		let engine = start_engine();
		let kubo = KuboStore::new(&engine.url, Duration::from_secs(1)).unwrap();
		// Never stored: the offline engine would search forever; it is told to stop.
		let started = std::time::Instant::now();
		assert_eq!(kubo.get(&cid_of(b"never stored")).await.unwrap(), None);
		assert!(started.elapsed() < Duration::from_secs(4));
		assert_eq!(kubo.get("../../api/v0/shutdown").await.unwrap(), None);
		assert_eq!(kubo.get("").await.unwrap(), None);
	}

	#[tokio::test]
	async fn an_engine_that_is_down_is_an_error_not_a_missing_file() {
		let url = format!("http://127.0.0.1:{}", free_port());
		let kubo = KuboStore::new(&url, Duration::from_secs(1)).unwrap();
		assert!(kubo.put(b"batch").await.unwrap_err().contains(&url));
		assert!(kubo.check().await.is_err());
		assert!(kubo.get(&cid_of(b"batch")).await.is_err());
		assert!(KuboStore::new("not a url at all", Duration::from_secs(1)).is_err());
		let remote = KuboStore::new("http://192.0.2.1:5001", Duration::from_secs(1)).unwrap();
		assert!(!remote.is_loopback());
	}

	#[test]
	fn add_answers_of_kubo_and_js_ipfs_are_both_read() {
		let kubo = r#"{"Name":"f","Hash":"bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4","Size":"20"}"#;
		let js =
			r#"{"Name":"f","Hash":"zb2rhi36Gc9GJWijLEL6zW45MBux5FcFv5gJmjXA7VAMozEXY","Size":12}"#;
		assert_eq!(added_cid(kubo), added_cid(js));
		assert!(added_cid(kubo).is_some());
		assert_eq!(added_cid("garbage"), None);
		assert_eq!(added_cid(r#"{"Name":"f"}"#), None);
	}
}
