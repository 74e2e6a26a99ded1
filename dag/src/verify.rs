//! The checks a transaction passes on its own, in two kinds (docs/DAG.md, "Two kinds of
//! rules"):
//!
//! - *graph rules* ([`check`], [`signatures`]): shape, proof of work and signature. They depend
//!   on nothing but the transaction and the chain's genesis, so every node reaches the same
//!   verdict on every transaction, whoever relays it and whenever it arrives;
//! - *admission rules* ([`fresh`]): the timestamp window against the node's own clock. A node
//!   applies them only to what it is asked to submit (JSON-RPC), never to what peers relay or
//!   what it fetches while catching up.
//!
//! Signatures are verified in batches, which is where a node's time goes.

use crate::{
	pow,
	tx::{self, DagTx, Payload, TxId, MAX_CID_LENGTH},
};

/// What the node demands of every transaction.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub struct Limits {
	/// Proof-of-work difficulty in leading zero bits.
	pub difficulty: u8,
	/// How far ahead of the node's clock a timestamp may be, in ms.
	pub max_future_ms: u64,
	/// How far behind the node's clock a timestamp may be, in ms.
	pub max_age_ms: u64,
}

impl Default for Limits {
	fn default() -> Self {
		Self { difficulty: 12, max_future_ms: 5_000, max_age_ms: 600_000 }
	}
}

/// Why a transaction is invalid whatever the DAG holds.
#[derive(Clone, Copy, Debug, Eq, PartialEq, thiserror::Error)]
pub enum Invalid {
	/// The CID is longer than 128 bytes.
	#[error("the CID is longer than {MAX_CID_LENGTH} bytes")]
	CidTooLong,
	/// A transfer of nothing, or to the sender itself.
	#[error("a transfer must move a positive amount to another account")]
	PointlessTransfer,
	/// The timestamp is too far from the node's clock (an admission rule: only for
	/// transactions submitted to this node).
	#[error("the timestamp is outside the window the node accepts")]
	Timestamp,
	/// The proof of work is below the node's difficulty.
	#[error("the proof of work is below the difficulty")]
	InsufficientWork,
	/// The signature is not the sender's.
	#[error("the signature is not the sender's")]
	BadSignature,
}

/// The graph rules but the signature: shape and proof of work at `difficulty`; returns the
/// transaction's id. The same on every node: no clock, no chain state.
pub fn check(genesis: &[u8; 32], tx: &DagTx, difficulty: u8) -> Result<TxId, Invalid> {
	let essence = &tx.essence;
	match &essence.payload {
		Payload::Transfer { to, amount } => {
			if *amount == 0 || *to == essence.sender {
				return Err(Invalid::PointlessTransfer);
			}
		},
		Payload::Record { cid, .. } => {
			if cid.as_ref().is_some_and(|cid| cid.len() > MAX_CID_LENGTH) {
				return Err(Invalid::CidTooLong);
			}
		},
	}
	let id = tx::id(genesis, essence);
	if !pow::is_valid(&id, tx.nonce, difficulty) {
		return Err(Invalid::InsufficientWork);
	}
	Ok(id)
}

/// The admission rule on time: `tx` is stamped no more than `max_age_ms` before and no more
/// than `max_future_ms` after `now_ms` by this node's clock. For submissions only.
pub fn fresh(tx: &DagTx, limits: &Limits, now_ms: u64) -> Result<(), Invalid> {
	let earliest = now_ms.saturating_sub(limits.max_age_ms);
	let latest = now_ms.saturating_add(limits.max_future_ms);
	let stamped = tx.essence.timestamp_ms;
	if stamped < earliest || stamped > latest {
		return Err(Invalid::Timestamp);
	}
	Ok(())
}

/// Whether each transaction's signature is its sender's. Verifies them as one batch (about
/// twice as fast per signature); if the batch fails, verifies one by one to find the bad ones.
/// Uses the ZIP-215 rules of `ed25519-zebra`, as the runtime's device signatures do.
pub fn signatures(genesis: &[u8; 32], txs: &[&DagTx]) -> Vec<bool> {
	let messages: Vec<Vec<u8>> = txs.iter().map(|tx| tx::message(genesis, &tx.essence)).collect();
	let mut batch = ed25519_zebra::batch::Verifier::new();
	for (tx, message) in txs.iter().zip(&messages) {
		let key = ed25519_zebra::VerificationKeyBytes::from(tx.essence.sender);
		let signature = ed25519_zebra::Signature::from(tx.signature);
		batch.queue((key, signature, message));
	}
	if batch.verify(rand::thread_rng()).is_ok() {
		return vec![true; txs.len()];
	}
	txs.iter().zip(&messages).map(|(tx, message)| signature(tx, message)).collect()
}

/// Whether `tx`'s signature of `message` is its sender's.
fn signature(tx: &DagTx, message: &[u8]) -> bool {
	let Ok(key) = ed25519_zebra::VerificationKey::try_from(tx.essence.sender) else {
		return false;
	};
	key.verify(&ed25519_zebra::Signature::from(tx.signature), message).is_ok()
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::tx::Essence;

	const GENESIS: [u8; 32] = [9; 32];
	const NOW: u64 = 1_800_000_000_000;

	fn key(seed: u8) -> ed25519_zebra::SigningKey {
		ed25519_zebra::SigningKey::from([seed; 32])
	}

	fn signed(seed: u8, payload: Payload) -> DagTx {
		let key = key(seed);
		let essence = Essence {
			sender: ed25519_zebra::VerificationKeyBytes::from(&key).into(),
			seq: 0,
			parents: [[1; 32], [1; 32]],
			timestamp_ms: NOW,
			payload,
		};
		DagTx::sign(&GENESIS, essence, &key, Limits::default().difficulty)
	}

	fn transfer(seed: u8) -> DagTx {
		signed(seed, Payload::Transfer { to: [0xee; 32], amount: 10 })
	}

	#[test]
	fn a_well_formed_transaction_passes() {
		let tx = transfer(1);
		assert_eq!(check(&GENESIS, &tx, Limits::default().difficulty), Ok(tx.id(&GENESIS)));
		assert_eq!(fresh(&tx, &Limits::default(), NOW), Ok(()));
		assert_eq!(signatures(&GENESIS, &[&tx]), [true]);
	}

	#[test]
	fn shapes_that_mean_nothing_are_invalid() {
		let limits = Limits::default().difficulty;
		let zero = signed(1, Payload::Transfer { to: [0xee; 32], amount: 0 });
		assert_eq!(check(&GENESIS, &zero, limits), Err(Invalid::PointlessTransfer));
		let own = transfer(1).essence.sender;
		let to_self = signed(1, Payload::Transfer { to: own, amount: 1 });
		assert_eq!(check(&GENESIS, &to_self, limits), Err(Invalid::PointlessTransfer));
		let long =
			signed(1, Payload::Record { digest: [0; 32], size: 1, cid: Some(vec![b'a'; 129]) });
		assert_eq!(check(&GENESIS, &long, limits), Err(Invalid::CidTooLong));
	}

	#[test]
	fn timestamps_outside_the_window_fail_admission_only() {
		let tx = transfer(1);
		let limits = Limits::default();
		assert!(fresh(&tx, &limits, NOW + limits.max_age_ms).is_ok());
		assert_eq!(fresh(&tx, &limits, NOW + limits.max_age_ms + 1), Err(Invalid::Timestamp));
		assert!(fresh(&tx, &limits, NOW - limits.max_future_ms).is_ok());
		assert_eq!(fresh(&tx, &limits, NOW - limits.max_future_ms - 1), Err(Invalid::Timestamp));
		// The graph rules know no clock: a transaction a year old is as valid as a fresh one.
		let mut old = tx.essence.clone();
		old.timestamp_ms = NOW - 365 * 24 * 3_600_000;
		let old = DagTx::sign(&GENESIS, old, &key(1), limits.difficulty);
		assert_eq!(check(&GENESIS, &old, limits.difficulty), Ok(old.id(&GENESIS)));
	}

	#[test]
	fn work_below_the_difficulty_is_invalid() {
		let mut tx = transfer(1);
		let id = tx.id(&GENESIS);
		tx.nonce = (0..).find(|n| !pow::is_valid(&id, *n, 12)).unwrap();
		assert_eq!(check(&GENESIS, &tx, 12), Err(Invalid::InsufficientWork));
		// Work done for another chain's id does not count here.
		let other = DagTx::sign(&[8; 32], tx.essence.clone(), &key(1), 16);
		let moved = DagTx { nonce: other.nonce, ..tx };
		assert!(check(&[8; 32], &moved, 16).is_ok());
		assert_eq!(check(&GENESIS, &moved, 16), Err(Invalid::InsufficientWork));
	}

	#[test]
	fn a_batch_finds_the_bad_signatures() {
		let mut txs: Vec<DagTx> = (1..=20).map(transfer).collect();
		txs[3].signature[0] ^= 1; // tampered
		txs[7].essence.seq = 1; // changed after signing
		txs[11].signature = transfer(13).signature; // another sender's
		txs[15].essence.sender = [0xff; 32]; // not a curve point
		let refs: Vec<&DagTx> = txs.iter().collect();
		let ok = signatures(&GENESIS, &refs);
		let bad: Vec<usize> =
			ok.iter().enumerate().filter(|(_, ok)| !**ok).map(|(i, _)| i).collect();
		assert_eq!(bad, [3, 7, 11, 15]);
		// Signed for another chain.
		assert_eq!(signatures(&[8; 32], &[&transfer(1)]), [false]);
	}
}
