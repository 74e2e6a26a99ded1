//! Persistence: the DAG survives a restart.
//!
//! A ParityDB database (the node's own database engine, no C++) under the node's base path
//! with four columns: `ORDER`, a B-tree keyed by a running counter (big endian), holding each
//! vertex as `(id, received ms, tx)` in the order the graph added it; and `INDEX`, id →
//! counter, to remove vertices when anchored history is pruned; `ANCHORED`, id → the epoch
//! (u32 LE) of the anchor that holds it and the transaction's effect there (one byte, as in
//! the Merkle leaf); and `META`, the anchor service's progress. Replaying
//! `ORDER` through [`crate::Dag::insert`] and marking `ANCHORED` rebuilds the same graph:
//! parents always come before children. Orphans are not stored; peers send them again.

use crate::tx::{DagTx, TxId};
use codec::{Decode, Encode};
use itc_primitives::anchor::Effect;
use std::path::Path;

const ORDER: u8 = 0;
const INDEX: u8 = 1;
const ANCHORED: u8 = 2;
const META: u8 = 3;

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
		let mut options = parity_db::Options::with_columns(path, 4);
		options.columns[ORDER as usize].btree_index = true;
		options.columns[INDEX as usize].uniform = true;
		options.columns[ANCHORED as usize].btree_index = true;
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

	/// Records that anchor `epoch` holds `txs`, each with its effect.
	pub fn mark_anchored(&mut self, epoch: u32, txs: &[(TxId, Effect)]) -> Result<(), StoreError> {
		let changes = txs.iter().map(|(id, effect)| {
			let value = (epoch, *effect).encode();
			(ANCHORED, id.to_vec(), Some(value))
		});
		Ok(self.db.commit(changes)?)
	}

	/// The epoch of the anchor that holds `id` and its effect there, if any.
	pub fn anchored_epoch(&self, id: &TxId) -> Result<Option<(u32, Effect)>, StoreError> {
		let Some(value) = self.db.get(ANCHORED, id)? else { return Ok(None) };
		let mut input = &value[..];
		let mark = <(u32, Effect)>::decode(&mut input).map_err(|_| StoreError::Corrupt)?;
		if !input.is_empty() {
			return Err(StoreError::Corrupt);
		}
		Ok(Some(mark))
	}

	/// Every anchored id.
	pub fn anchored(&self) -> Result<Vec<TxId>, StoreError> {
		let mut iter = self.db.iter(ANCHORED)?;
		iter.seek_to_first()?;
		let mut ids = Vec::new();
		while let Some((key, _)) = iter.next()? {
			ids.push(key[..].try_into().map_err(|_| StoreError::Corrupt)?);
		}
		Ok(ids)
	}

	/// A value the anchor service keeps.
	pub fn meta(&self, key: &[u8]) -> Result<Option<Vec<u8>>, StoreError> {
		Ok(self.db.get(META, key)?)
	}

	/// Sets a value the anchor service keeps.
	pub fn set_meta(&mut self, key: &[u8], value: &[u8]) -> Result<(), StoreError> {
		Ok(self.db.commit([(META, key.to_vec(), Some(value.to_vec()))])?)
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

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn anchor_marks_and_progress_survive_a_reopen() {
		let dir = tempfile::tempdir().unwrap();
		{
			let mut store = Store::open(dir.path()).unwrap();
			let marks = [([1; 32], Effect::Applied), ([2; 32], Effect::VoidConflict)];
			store.mark_anchored(7, &marks).unwrap();
			store.set_meta(b"progress", &[9]).unwrap();
		}
		let store = Store::open(dir.path()).unwrap();
		assert_eq!(store.anchored_epoch(&[1; 32]).unwrap(), Some((7, Effect::Applied)));
		assert_eq!(store.anchored_epoch(&[2; 32]).unwrap(), Some((7, Effect::VoidConflict)));
		assert_eq!(store.anchored_epoch(&[3; 32]).unwrap(), None);
		assert_eq!(store.anchored().unwrap(), vec![[1; 32], [2; 32]]);
		assert_eq!(store.meta(b"progress").unwrap(), Some(vec![9]));
		assert_eq!(store.meta(b"other").unwrap(), None);
	}
}
