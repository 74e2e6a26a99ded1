//! Where the node keeps DAG batch files: content-addressed storage behind a small trait,
//! with two backends —
//! - [`EmbeddedStore`], the default: one file per CID in the node's base path
//!   (`<base>/chains/<chain>/ipfs/<cid>`);
//! - [`KuboStore`], with `--ipfs-api <url>`: kubo's HTTP RPC (or any engine that serves it),
//!   through `ipfs-api-backend-hyper`; files are added with the options that give
//!   [`cid::cid_of`]'s CIDs, and pinned.
//!
//! Either way a file's CID is [`cid::cid_of`] its bytes (kubo's CIDv1 for them), so validators
//! with different stores propose the same summary, and a file read back whose bytes do not
//! hash to the CID asked for is treated as missing.

mod cid;
mod embedded;
mod kubo;

pub use embedded::EmbeddedStore;
pub use itc_dag_service::ContentStore;
pub use kubo::KuboStore;

use std::{path::Path, sync::Arc, time::Duration};

/// How long a read from kubo may search the IPFS network for a batch file.
const KUBO_READ_TIMEOUT: Duration = Duration::from_secs(30);

/// The node's store: kubo at `kubo_url` if given, else the embedded store in `dir`.
pub fn open(kubo_url: Option<&str>, dir: &Path) -> Result<Arc<dyn ContentStore>, String> {
	let Some(url) = kubo_url else { return Ok(Arc::new(EmbeddedStore::open(dir)?)) };
	let store = KuboStore::new(url, KUBO_READ_TIMEOUT)?;
	if !store.is_loopback() {
		log::warn!(
			target: "ipfs",
			"--ipfs-api {url} is not on this host: kubo's RPC is an admin interface, keep it on \
			 loopback or behind authentication"
		);
	}
	Ok(Arc::new(store))
}
