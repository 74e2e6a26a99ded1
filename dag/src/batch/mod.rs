//! Epoch batches: the deterministic cut of confirmed transactions that validators anchor, and
//! what anchoring it does (docs/ANCHOR.md).
//!
//! - *Cut.* Every confirmed transaction not yet anchored and stamped before the epoch's end,
//!   in `(timestamp, id)` order, while the batch stays within
//!   [`MAX_BATCH_TRANSACTIONS`] transactions, [`MAX_SETTLEMENT_ENTRIES`] settled accounts and
//!   [`MAX_RECORD_DEVICES`] recording devices; the rest waits for the next epoch.
//! - *Settle.* In batch order, a transfer is [`Effect::Applied`] when the sender's locked ITC
//!   at the reference block, less what it already sent in the batch, covers it and the
//!   recipient has ITC locked (a micro-account); otherwise it is [`Effect::Void`]. Records are
//!   always applied.
//! - *File.* `SCALE{ version 1u8, genesis [32], epoch u32, end ms u64, [ (tx, effect) ] }`,
//!   stored in IPFS; its CID goes into the summary.
//!
//! Two nodes with the same confirmed transactions and the same chain state cut the same
//! batch, byte for byte.

use crate::tx::{DagTx, Payload, TxId};
use codec::{Decode, Encode};
use itc_primitives::anchor::{
	merkle::{leaf_hash, merkle_proof, merkle_root, MerkleProof},
	AnchorSummary, Effect, EpochIndex, NetChange, RecordCount, MAX_BATCH_TRANSACTIONS,
	MAX_CID_LENGTH, MAX_RECORD_DEVICES, MAX_SETTLEMENT_ENTRIES,
};
use std::collections::{BTreeMap, BTreeSet};

/// Version byte of the batch file.
pub const FILE_VERSION: u8 = 1;

/// What settlement needs from the chain at the reference block.
pub trait LockedAt {
	/// Plancks `account` has locked for DAG spending (0 if it has no micro-account).
	fn locked(&self, account: &[u8; 32]) -> u128;
}

/// One epoch's batch.
#[derive(Clone, Debug, Eq, PartialEq, Encode, Decode)]
pub struct Batch {
	/// The file's version.
	pub version: u8,
	/// The chain's genesis hash.
	pub genesis: [u8; 32],
	/// The epoch.
	pub epoch: EpochIndex,
	/// The epoch's end (Unix ms): every transaction is stamped before it.
	pub end_ms: u64,
	/// The transactions in batch order, with what they did.
	pub txs: Vec<(DagTx, Effect)>,
}

impl Batch {
	/// Cuts epoch `epoch`'s batch from `candidates` (confirmed, not anchored, stamped before
	/// `end_ms`) and settles it against `locked`.
	pub fn cut<'a>(
		genesis: [u8; 32],
		epoch: EpochIndex,
		end_ms: u64,
		candidates: impl IntoIterator<Item = (TxId, &'a DagTx)>,
		locked: &impl LockedAt,
	) -> Self {
		let mut ordered: Vec<(TxId, &DagTx)> =
			candidates.into_iter().filter(|(_, tx)| tx.essence.timestamp_ms < end_ms).collect();
		ordered.sort_by_key(|(id, tx)| (tx.essence.timestamp_ms, *id));
		let mut settled: BTreeSet<[u8; 32]> = BTreeSet::new();
		let mut recording: BTreeSet<[u8; 32]> = BTreeSet::new();
		let mut sent: BTreeMap<[u8; 32], u128> = BTreeMap::new();
		let mut txs = Vec::new();
		for (_, tx) in ordered {
			if txs.len() >= MAX_BATCH_TRANSACTIONS as usize {
				break;
			}
			let sender = tx.essence.sender;
			let effect = match tx.essence.payload {
				Payload::Record { .. } => {
					if !recording.contains(&sender)
						&& recording.len() >= MAX_RECORD_DEVICES as usize
					{
						break;
					}
					recording.insert(sender);
					Effect::Applied
				},
				Payload::Transfer { to, amount } => {
					let new = [sender, to].iter().filter(|a| !settled.contains(*a)).count();
					let already = sent.get(&sender).copied().unwrap_or(0);
					let covered = already
						.checked_add(amount)
						.is_some_and(|total| total <= locked.locked(&sender));
					if covered && locked.locked(&to) > 0 {
						if settled.len() + new > MAX_SETTLEMENT_ENTRIES as usize {
							break;
						}
						settled.extend([sender, to]);
						sent.insert(sender, already + amount);
						Effect::Applied
					} else {
						Effect::Void
					}
				},
			};
			txs.push((tx.clone(), effect));
		}
		Self { version: FILE_VERSION, genesis, epoch, end_ms, txs }
	}

	/// The transactions' ids, in batch order.
	pub fn ids(&self) -> Vec<TxId> {
		self.txs.iter().map(|(tx, _)| tx.id(&self.genesis)).collect()
	}

	/// The Merkle leaves, in batch order.
	pub fn leaves(&self) -> Vec<[u8; 32]> {
		Self::leaves_of(&self.ids(), &self.txs)
	}

	fn leaves_of(ids: &[TxId], txs: &[(DagTx, Effect)]) -> Vec<[u8; 32]> {
		ids.iter().zip(txs).map(|(id, (_, effect))| leaf_hash(id, *effect)).collect()
	}

	/// The Merkle root over the leaves.
	pub fn root(&self) -> [u8; 32] {
		merkle_root(&self.leaves())
	}

	/// The proof of transaction `id` and its effect; `None` if it is not in the batch.
	pub fn proof(&self, id: &TxId) -> Option<(MerkleProof, Effect)> {
		let ids = self.ids();
		let index = ids.iter().position(|i| i == id)?;
		Some((merkle_proof(&Self::leaves_of(&ids, &self.txs), index)?, self.txs[index].1))
	}

	/// Net micro-account changes of the applied transfers, by account, no zeros.
	pub fn settlement(&self) -> Vec<NetChange<[u8; 32]>> {
		let mut net: BTreeMap<[u8; 32], i128> = BTreeMap::new();
		for (tx, effect) in &self.txs {
			if let (Payload::Transfer { to, amount }, Effect::Applied) =
				(&tx.essence.payload, effect)
			{
				// Amounts fit: each is covered by a locked balance, and balances are far below
				// 2^127 plancks (the supply is 8·10^20).
				let amount = i128::try_from(*amount).unwrap_or(i128::MAX);
				*net.entry(tx.essence.sender).or_default() -= amount;
				*net.entry(*to).or_default() += amount;
			}
		}
		net.into_iter()
			.filter(|(_, delta)| *delta != 0)
			.map(|(account, delta)| NetChange { account, delta })
			.collect()
	}

	/// Data records per sender, by account.
	pub fn records(&self) -> Vec<RecordCount<[u8; 32]>> {
		let mut counts: BTreeMap<[u8; 32], u32> = BTreeMap::new();
		for (tx, _) in &self.txs {
			if let Payload::Record { .. } = tx.essence.payload {
				*counts.entry(tx.essence.sender).or_default() += 1;
			}
		}
		counts.into_iter().map(|(account, records)| RecordCount { account, records }).collect()
	}

	/// The summary validators propose, given where the file is stored (`cid`, empty for an
	/// empty batch). `None` if the CID is too long.
	pub fn summary(&self, cid: &str) -> Option<AnchorSummary<[u8; 32]>> {
		if self.txs.is_empty() {
			return Some(AnchorSummary::empty(self.epoch));
		}
		if cid.len() > MAX_CID_LENGTH as usize || cid.is_empty() {
			return None;
		}
		Some(AnchorSummary {
			epoch: self.epoch,
			root: self.root(),
			count: self.txs.len() as u32,
			cid: cid.as_bytes().to_vec().try_into().ok()?,
			settlement: self.settlement().try_into().ok()?,
			records: self.records().try_into().ok()?,
		})
	}

	/// The batch file.
	pub fn to_file(&self) -> Vec<u8> {
		self.encode()
	}

	/// Reads a batch file; `None` if it is not one.
	pub fn from_file(bytes: &[u8]) -> Option<Self> {
		let mut input = bytes;
		let batch = Self::decode(&mut input).ok()?;
		(input.is_empty() && batch.version == FILE_VERSION).then_some(batch)
	}
}

#[cfg(test)]
mod tests;
