//! Persistence: the DAG survives a restart.
//!
//! A ParityDB database (the node's own database engine, no C++) under the node's base path
//! with two columns: `ORDER`, a B-tree keyed by a running counter (big endian), holding each
//! vertex as `(id, received ms, tx)` in the order the graph added it; and `INDEX`, id →
//! counter, to remove vertices when anchored history is pruned. Replaying `ORDER` through
//! [`crate::Dag::insert`] rebuilds the same graph: parents always come before children.
//! Orphans are not stored; peers send them again.

use crate::tx::{DagTx, TxId};
use codec::{Decode, Encode};
use std::path::Path;

const ORDER: u8 = 0;
const INDEX: u8 = 1;

/// Why the store failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
	/// The database failed.
	#[error("DAG database: {0}")]
	Db(#[from] parity_db::Error),
	/// A stored record does not decode: the database was written by something else.
	#[error("DAG database: a stored transaction does not decode")]
	Corrupt,
}

/// The DAG's database.
pub struct Store {
	db: parity_db::Db,
	next: u64,
}

impl Store {
	/// Opens (or creates) the database in `path`.
	pub fn open(path: &Path) -> Result<Self, StoreError> {
		let mut options = parity_db::Options::with_columns(path, 2);
		options.columns[ORDER as usize].btree_index = true;
		options.columns[INDEX as usize].uniform = true;
		let db = parity_db::Db::open_or_create(&options)?;
		let mut iter = db.iter(ORDER)?;
		iter.seek_to_last()?;
		let next = match iter.prev()? {
			Some((key, _)) => counter(&key)? + 1,
			None => 0,
		};
		drop(iter);
		Ok(Self { db, next })
	}

	/// Appends vertices in the order the graph added them, in one commit.
	pub fn append<'a>(
		&mut self,
		vertices: impl IntoIterator<Item = (TxId, u64, &'a DagTx)>,
	) -> Result<(), StoreError> {
		let mut changes = Vec::new();
		for (id, received_ms, tx) in vertices {
			let key = self.next.to_be_bytes().to_vec();
			self.next += 1;
			changes.push((ORDER, key.clone(), Some((id, received_ms, tx).encode())));
			changes.push((INDEX, id.to_vec(), Some(key)));
		}
		Ok(self.db.commit(changes)?)
	}

	/// Removes vertices (pruned history).
	pub fn remove(&mut self, ids: &[TxId]) -> Result<(), StoreError> {
		let mut changes = Vec::new();
		for id in ids {
			if let Some(key) = self.db.get(INDEX, id)? {
				changes.push((ORDER, key, None));
				changes.push((INDEX, id.to_vec(), None));
			}
		}
		Ok(self.db.commit(changes)?)
	}

	/// Every stored vertex, in the order the graph added them.
	pub fn load(&self) -> Result<Vec<(TxId, u64, DagTx)>, StoreError> {
		let mut iter = self.db.iter(ORDER)?;
		iter.seek_to_first()?;
		let mut vertices = Vec::new();
		while let Some((_, value)) = iter.next()? {
			let vertex =
				<(TxId, u64, DagTx)>::decode(&mut &value[..]).map_err(|_| StoreError::Corrupt)?;
			vertices.push(vertex);
		}
		Ok(vertices)
	}
}

fn counter(key: &[u8]) -> Result<u64, StoreError> {
	Ok(u64::from_be_bytes(key.try_into().map_err(|_| StoreError::Corrupt)?))
}
