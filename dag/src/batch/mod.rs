//! Epoch batches: the deterministic cut of confirmed transactions that validators anchor, and
//! what anchoring it does (docs/ANCHOR.md).
//!
//! - *Cut* and *settle* ([`Batch::cut`], in `cut.rs`): which confirmed transactions go in, and
//!   what each does, decided against the chain at the epoch's reference block.
//! - *File.* `SCALE{ version 1u8, genesis [32], epoch u32, end ms u64, [ (tx, effect) ] }`,
//!   stored in IPFS; its CID goes into the summary.
//!
//! Two nodes with the same confirmed transactions and the same chain state cut the same
//! batch, byte for byte.

use crate::tx::{DagTx, Payload, TxId};
use codec::{Decode, Encode};
use itc_primitives::anchor::{
	merkle::{leaf_hash, merkle_proof, merkle_root, MerkleProof},
	AnchorSummary, Effect, EpochIndex, NetChange, RecordCount, SeqRange, MAX_CID_LENGTH,
};
use std::collections::BTreeMap;

mod cut;
pub use cut::{Candidate, ChainAt};

/// Version byte of the batch file.
pub const FILE_VERSION: u8 = 1;

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
	/// The transactions' ids, in batch order.
	pub fn ids(&self) -> Vec<TxId> {
		self.txs.iter().map(|(tx, _)| tx.id(&self.genesis)).collect()
	}

	/// Each transaction's id and effect, in batch order (what a node marks anchored).
	pub fn marks(&self) -> Vec<(TxId, Effect)> {
		self.txs.iter().map(|(tx, effect)| (tx.id(&self.genesis), *effect)).collect()
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

	/// Applied data records per sender, by account.
	pub fn records(&self) -> Vec<RecordCount<[u8; 32]>> {
		let mut counts: BTreeMap<[u8; 32], u32> = BTreeMap::new();
		for (tx, effect) in &self.txs {
			if let (Payload::Record { .. }, Effect::Applied) = (&tx.essence.payload, effect) {
				*counts.entry(tx.essence.sender).or_default() += 1;
			}
		}
		counts.into_iter().map(|(account, records)| RecordCount { account, records }).collect()
	}

	/// The sequence numbers each sender settles, by account: from its first number in the
	/// batch (the chain's watermark: the cut takes an unbroken run from there) to one past its
	/// last.
	pub fn senders(&self) -> Vec<SeqRange<[u8; 32]>> {
		let mut ranges: BTreeMap<[u8; 32], (u64, u64)> = BTreeMap::new();
		for (tx, _) in &self.txs {
			let seq = tx.essence.seq;
			let range = ranges.entry(tx.essence.sender).or_insert((seq, seq));
			*range = (range.0.min(seq), range.1.max(seq));
		}
		ranges
			.into_iter()
			.map(|(account, (first, last))| SeqRange { account, first, next: last + 1 })
			.collect()
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
			senders: self.senders().try_into().ok()?,
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
