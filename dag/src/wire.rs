//! The messages nodes exchange about the DAG (the node's gossip protocol carries them).
//!
//! SCALE, one byte of kind first:
//! - `0` *transactions*: `Vec<Vec<u8>>`, at most [`MAX_TXS_PER_MESSAGE`] encoded
//!   transactions, each decoding exactly ([`DagTx::decode_exact`]);
//! - `1` *want*: `Vec<Missing>`, at most [`MAX_WANTS_PER_MESSAGE`] things an orphan waits for
//!   (a parent by id, or a sender's transaction by sequence number); the peer answers with the
//!   transactions it holds.
//!
//! Nothing else decodes: not a longer count, not trailing bytes.

use crate::{
	graph::Missing,
	tx::{DagTx, MAX_TX_SIZE},
};
use codec::{Compact, Decode, Encode};

/// The most transactions in one message.
pub const MAX_TXS_PER_MESSAGE: usize = 1_024;
/// The most wants in one message.
pub const MAX_WANTS_PER_MESSAGE: usize = 1_024;
/// The largest message.
pub const MAX_MESSAGE_SIZE: u64 = (1 + 5 + MAX_TXS_PER_MESSAGE * (MAX_TX_SIZE + 3)) as u64;

const TXS: u8 = 0;
const WANT: u8 = 1;

/// A decoded message.
#[derive(Clone, Debug, Eq, PartialEq)]
pub enum Message {
	/// Transactions.
	Txs(Vec<DagTx>),
	/// A request for what orphans wait for.
	Want(Vec<Missing>),
}

/// A transactions message of already encoded transactions (at most
/// [`MAX_TXS_PER_MESSAGE`]: the caller chunks).
pub fn txs<'a>(encoded: impl ExactSizeIterator<Item = &'a Vec<u8>>) -> Vec<u8> {
	let mut message = vec![TXS];
	Compact(encoded.len() as u32).encode_to(&mut message);
	for tx in encoded {
		tx.encode_to(&mut message);
	}
	message
}

/// A want message (at most [`MAX_WANTS_PER_MESSAGE`]: the caller chunks).
pub fn want(missing: &[Missing]) -> Vec<u8> {
	let mut message = vec![WANT];
	missing.encode_to(&mut message);
	message
}

/// The message in `bytes`; `None` if it does not decode exactly or exceeds a limit.
pub fn decode(bytes: &[u8]) -> Option<Message> {
	let (kind, mut input) = bytes.split_first()?;
	let count = Compact::<u32>::decode(&mut input).ok()?.0 as usize;
	let message = match *kind {
		TXS if count <= MAX_TXS_PER_MESSAGE => {
			let mut txs = Vec::with_capacity(count);
			for _ in 0..count {
				let bytes = Vec::<u8>::decode(&mut input).ok()?;
				txs.push(DagTx::decode_exact(&bytes)?);
			}
			Message::Txs(txs)
		},
		WANT if count <= MAX_WANTS_PER_MESSAGE => {
			let mut wants = Vec::with_capacity(count);
			for _ in 0..count {
				wants.push(Missing::decode(&mut input).ok()?);
			}
			Message::Want(wants)
		},
		_ => return None,
	};
	input.is_empty().then_some(message)
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::tx::{Essence, Payload};

	fn tx(seq: u64) -> DagTx {
		let essence = Essence {
			sender: [1; 32],
			seq,
			parents: [[2; 32], [3; 32]],
			timestamp_ms: 4,
			payload: Payload::Record { digest: [5; 32], size: 6, cid: Some(b"bafk".to_vec()) },
		};
		DagTx { essence, nonce: 7, signature: [8; 64] }
	}

	#[test]
	fn messages_round_trip() {
		let encoded: Vec<Vec<u8>> = (0..3).map(|i| tx(i).encode()).collect();
		assert_eq!(decode(&txs(encoded.iter())), Some(Message::Txs((0..3).map(tx).collect())));
		let wants = [Missing::Parent([9; 32]), Missing::Seq([1; 32], 41)];
		assert_eq!(decode(&want(&wants)), Some(Message::Want(wants.to_vec())));
		assert_eq!(decode(&txs([].iter())), Some(Message::Txs(vec![])));
	}

	#[test]
	fn the_largest_message_fits_the_limit() {
		let big = DagTx {
			essence: Essence {
				payload: Payload::Record {
					digest: [0; 32],
					size: u64::MAX,
					cid: Some(vec![0; crate::tx::MAX_CID_LENGTH]),
				},
				..tx(u64::MAX).essence
			},
			..tx(0)
		};
		let encoded = vec![big.encode(); MAX_TXS_PER_MESSAGE];
		let message = txs(encoded.iter());
		assert!(message.len() as u64 <= MAX_MESSAGE_SIZE, "{} bytes", message.len());
		assert!(
			matches!(decode(&message), Some(Message::Txs(t)) if t.len() == MAX_TXS_PER_MESSAGE)
		);
		let wants = vec![Missing::Seq([0; 32], u64::MAX); MAX_WANTS_PER_MESSAGE];
		assert!(want(&wants).len() as u64 <= MAX_MESSAGE_SIZE);
	}

	#[test]
	fn garbage_does_not_decode() {
		let one = [tx(0).encode()];
		let good = txs(one.iter());
		assert_eq!(decode(&[]), None);
		assert_eq!(decode(&[2, 0]), None, "unknown kind");
		assert_eq!(decode(&good[..good.len() - 1]), None, "truncated");
		assert_eq!(decode(&[good.clone(), vec![0]].concat()), None, "trailing byte");
		// A transaction with a byte too many inside its length.
		let mut padded = tx(0).encode();
		padded.push(0);
		assert_eq!(decode(&txs([padded].iter())), None);
		// Counts over the limits, without the items (nothing is allocated for them).
		let mut over = vec![TXS];
		Compact(MAX_TXS_PER_MESSAGE as u32 + 1).encode_to(&mut over);
		assert_eq!(decode(&over), None);
		let mut over = vec![WANT];
		Compact(u32::MAX).encode_to(&mut over);
		assert_eq!(decode(&over), None);
		assert_eq!(decode(&[WANT, 4, 7]), None, "a want of an unknown shape");
	}
}
