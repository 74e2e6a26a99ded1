//! The cut: which confirmed transactions an epoch's batch holds, and what each does, decided
//! against the chain at the epoch's reference block, identically on every node.
//!
//! - *Devices only.* A sender that is not a device's account at the reference block has none
//!   of its transactions cut (they stay in the graph; they would be cut if the key became a
//!   device): keys anyone can make cannot crowd devices out of a batch.
//! - *Runs.* A sender's transactions go in only as an unbroken run of sequence numbers that
//!   starts at the sender's watermark on chain (its first number not settled yet,
//!   `DagAccounts::NextSeq`): a number below it was settled already (a late twin, or a batch
//!   this node could not mark) and is left out; a number after a gap waits for the gap. So no
//!   number settles twice, and a node that missed an anchor still cuts what the others cut.
//!   The run ends at its last number stamped before the epoch's end, and takes every number
//!   before that one whatever its stamp: a sender cannot hold an accepted payment back (until
//!   its funds could be withdrawn) by stamping an earlier number in the future.
//! - *Fit.* Senders are taken in the order of their run's earliest `(timestamp, id)`, each run
//!   in sequence order, while the batch holds fewer than [`MAX_BATCH_TRANSACTIONS`]
//!   transactions and [`MAX_BATCH_SENDERS`] senders. A transaction that would take the batch
//!   past [`MAX_SETTLEMENT_ENTRIES`] settled accounts or [`MAX_RECORD_DEVICES`] recording
//!   devices ends its sender's run for this epoch (the rest rolls over, in order); the cut
//!   goes on with the next sender: it never stops early.
//! - *Effects:* a transaction whose number its sender also used for another is
//!   [`Effect::VoidConflict`]; one whose sender is not an active device is
//!   [`Effect::VoidInactiveSender`]; a transfer to an account without a micro-account is
//!   [`Effect::VoidNoRecipient`]; the remaining transfers of each sender, in sequence order,
//!   are each [`Effect::Applied`] if its DAG funds (locked plus the unlock requests not
//!   withdrawable before the epoch's deadline) cover it on top of
//!   the ones applied before it, and [`Effect::Void`] if not. Sequence order, not timestamp
//!   order: a node
//!   admits a transfer only if the funds cover it on top of every earlier number, so no later
//!   transaction, however its sender stamps it, can make an accepted one void. Records of
//!   active senders are applied.
//!
//! No transaction is void for its age, and none is refused for it: validity never depends on
//! a node's clock. The batch lists the transactions in `(timestamp, id)` order.

use super::Batch;
use crate::tx::{DagTx, Payload, TxId};
use itc_primitives::anchor::{
	Effect, EpochIndex, MAX_BATCH_SENDERS, MAX_BATCH_TRANSACTIONS, MAX_RECORD_DEVICES,
	MAX_SETTLEMENT_ENTRIES,
};
use std::collections::{BTreeMap, BTreeSet};

/// What the cut needs from the chain at the reference block.
pub trait ChainAt {
	/// Whether `account` is a device's account (active or not). Only devices' transactions are
	/// cut: what other keys send is never anchored, so it cannot crowd devices out of a batch.
	fn is_device(&self, account: &[u8; 32]) -> bool;
	/// Plancks of `account`'s DAG funds that stay held until the epoch's deadline: locked plus
	/// the unlock requests that cannot be withdrawn by then (0 without a micro-account).
	fn funds(&self, account: &[u8; 32]) -> u128;
	/// Whether `account` has a micro-account (it can be credited).
	fn has_micro_account(&self, account: &[u8; 32]) -> bool;
	/// Whether `account` is an active device of an approved manufacturer.
	fn is_active(&self, account: &[u8; 32]) -> bool;
	/// `account`'s first sequence number not settled yet.
	fn next_seq(&self, account: &[u8; 32]) -> u64;
}

/// A transaction the cut may take: confirmed by weight and not anchored.
#[derive(Clone, Copy, Debug)]
pub struct Candidate<'a> {
	/// Its id.
	pub id: TxId,
	/// The transaction.
	pub tx: &'a DagTx,
	/// Whether its sender used its number for another transaction too.
	pub conflicting: bool,
}

/// What the batch holds so far, against its bounds.
#[derive(Default)]
struct Room {
	taken: usize,
	senders: usize,
	settled: BTreeSet<[u8; 32]>,
	recording: BTreeSet<[u8; 32]>,
}

impl Room {
	/// Takes room for `tx` with `effect` if it fits.
	fn take(&mut self, tx: &DagTx, effect: Effect) -> bool {
		let sender = tx.essence.sender;
		let fits = match (&tx.essence.payload, effect) {
			(Payload::Transfer { to, .. }, Effect::Applied) => {
				let new = [sender, *to].iter().filter(|a| !self.settled.contains(*a)).count();
				let fits = self.settled.len() + new <= MAX_SETTLEMENT_ENTRIES as usize;
				if fits {
					self.settled.extend([sender, *to]);
				}
				fits
			},
			(Payload::Record { .. }, Effect::Applied) => {
				let fits = self.recording.contains(&sender)
					|| self.recording.len() < MAX_RECORD_DEVICES as usize;
				if fits {
					self.recording.insert(sender);
				}
				fits
			},
			_ => true,
		};
		self.taken += usize::from(fits);
		fits
	}

	fn full(&self) -> bool {
		self.taken >= MAX_BATCH_TRANSACTIONS as usize
	}
}

impl Batch {
	/// Cuts epoch `epoch`'s batch from `candidates` (confirmed, not anchored; a sender's
	/// numbers after its last one stamped before `end_ms` are left for later epochs) and
	/// settles it against `chain` at the reference block.
	pub fn cut<'a>(
		genesis: [u8; 32],
		epoch: EpochIndex,
		end_ms: u64,
		candidates: impl IntoIterator<Item = Candidate<'a>>,
		chain: &impl ChainAt,
	) -> Self {
		let mut runs = runs(candidates, end_ms, chain);
		// Oldest first: by each run's earliest (timestamp, id).
		runs.sort_by_key(|run| {
			run.iter().map(|c| (c.tx.essence.timestamp_ms, c.id)).min().unwrap_or_default()
		});
		let mut room = Room::default();
		let mut taken: Vec<(TxId, &DagTx, Effect)> = Vec::new();
		for run in runs {
			if room.full() {
				break;
			}
			if room.senders >= MAX_BATCH_SENDERS as usize {
				break;
			}
			let before = room.taken;
			for candidate in run {
				let effect = verdict(&candidate, chain);
				if room.full() || !room.take(candidate.tx, effect) {
					break;
				}
				taken.push((candidate.id, candidate.tx, effect));
			}
			room.senders += usize::from(room.taken > before);
		}
		cover(&mut taken, chain);
		taken.sort_by_key(|(id, tx, _)| (tx.essence.timestamp_ms, *id));
		let txs = taken.into_iter().map(|(_, tx, effect)| (tx.clone(), effect)).collect();
		Self { version: super::FILE_VERSION, genesis, epoch, end_ms, txs }
	}
}

/// Each sender's candidates that extend its settled numbers without a gap, in sequence order
/// (twins of one number together, by id), up to its last number stamped before `end_ms`.
fn runs<'a>(
	candidates: impl IntoIterator<Item = Candidate<'a>>,
	end_ms: u64,
	chain: &impl ChainAt,
) -> Vec<Vec<Candidate<'a>>> {
	let mut by_sender: BTreeMap<[u8; 32], Vec<Candidate<'a>>> = BTreeMap::new();
	for candidate in candidates {
		by_sender.entry(candidate.tx.essence.sender).or_default().push(candidate);
	}
	by_sender
		.into_iter()
		.filter(|(sender, _)| chain.is_device(sender))
		.filter_map(|(sender, mut all)| {
			all.sort_by_key(|c| (c.tx.essence.seq, c.id));
			let mut next = chain.next_seq(&sender);
			let mut run = Vec::new();
			for candidate in all {
				let seq = candidate.tx.essence.seq;
				let twin = run.last().is_some_and(|last: &Candidate| last.tx.essence.seq == seq);
				if seq == next || twin {
					next = seq.saturating_add(1);
					run.push(candidate);
				} else if seq > next {
					break; // a gap: the rest waits for it
				}
				// Below the watermark: settled already.
			}
			// Up to the last number stamped before the end (both twins of a number go).
			let due = run.iter().filter(|c| c.tx.essence.timestamp_ms < end_ms);
			let due = due.map(|c| c.tx.essence.seq).max()?;
			run.retain(|c| c.tx.essence.seq <= due);
			Some(run)
		})
		.collect()
}

/// What does not depend on the sender's other transactions; `Applied` for a transfer until
/// [`cover`] has looked at its funds.
fn verdict(candidate: &Candidate, chain: &impl ChainAt) -> Effect {
	let tx = candidate.tx;
	if candidate.conflicting {
		return Effect::VoidConflict;
	}
	if !chain.is_active(&tx.essence.sender) {
		return Effect::VoidInactiveSender;
	}
	match tx.essence.payload {
		Payload::Transfer { to, .. } if !chain.has_micro_account(&to) => Effect::VoidNoRecipient,
		_ => Effect::Applied,
	}
}

/// Voids each sender's transfers, in sequence order, that its funds do not cover on top of the
/// ones applied before.
fn cover(taken: &mut [(TxId, &DagTx, Effect)], chain: &impl ChainAt) {
	let mut transfers: Vec<usize> = (0..taken.len())
		.filter(|i| {
			let (_, tx, effect) = &taken[*i];
			effect.is_applied() && matches!(tx.essence.payload, Payload::Transfer { .. })
		})
		.collect();
	transfers.sort_by_key(|i| (taken[*i].1.essence.sender, taken[*i].1.essence.seq));
	let mut sent: BTreeMap<[u8; 32], u128> = BTreeMap::new();
	for i in transfers {
		let (_, tx, effect) = &mut taken[i];
		let Payload::Transfer { amount, .. } = tx.essence.payload else { continue };
		let sender = tx.essence.sender;
		let already = sent.get(&sender).copied().unwrap_or(0);
		match already.checked_add(amount) {
			Some(total) if total <= chain.funds(&sender) => {
				sent.insert(sender, total);
			},
			_ => *effect = Effect::Void,
		}
	}
}
