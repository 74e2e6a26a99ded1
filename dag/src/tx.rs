//! The DAG transaction and its byte layout.
//!
//! ```text
//! essence   = sender (32) ‖ seq (u64 LE) ‖ parent₁ (32) ‖ parent₂ (32) ‖ timestamp ms (u64 LE)
//!           ‖ payload
//! payload   = 0x00 ‖ to (32) ‖ amount (u128 LE)                          micro-transfer
//!           | 0x01 ‖ digest (32) ‖ size (u64 LE) ‖ cid: 0x00 | 0x01 ‖ compact(len) ‖ bytes
//!                                                                          data record
//! message   = "itc/dag/tx/v1" ‖ genesis hash (32) ‖ essence
//! id        = BLAKE2b-256(message)
//! signature = ed25519(sender's secret key, message)
//! tx        = essence ‖ nonce (u64 LE) ‖ signature (64)
//! ```
//!
//! That is SCALE. The id covers everything the sender decides and nothing else: the proof-of-work
//! nonce and the signature are attestations *about* the id, so neither can be changed to make
//! a second id for the same transaction. The genesis hash ties the id and the signature to one
//! chain.

use codec::{Decode, Encode};

/// A transaction id: BLAKE2b-256 of the signed message.
pub type TxId = [u8; 32];

/// Context string of the signed message.
pub const TX_CONTEXT: &[u8] = b"itc/dag/tx/v1";
/// The longest CID of a data record, in bytes.
pub const MAX_CID_LENGTH: usize = 128;
/// The longest encoded transaction: the largest payload with the longest CID.
pub const MAX_TX_SIZE: usize = 32 + 8 + 64 + 8 + (1 + 32 + 8 + 1 + 2 + MAX_CID_LENGTH) + 8 + 64;

/// What a transaction does.
#[derive(Clone, Debug, Eq, PartialEq, Encode, Decode)]
pub enum Payload {
	/// Moves `amount` plancks from the sender's micro-account to `to`'s.
	#[codec(index = 0)]
	Transfer {
		/// The receiving account (32 bytes).
		to: [u8; 32],
		/// Plancks.
		amount: u128,
	},
	/// Stamps a data record with the sender device.
	#[codec(index = 1)]
	Record {
		/// BLAKE2b-256 (or another 32-byte digest) of the record.
		digest: [u8; 32],
		/// Its size in bytes.
		size: u64,
		/// Where it is stored, as CID text bytes, if anywhere.
		cid: Option<Vec<u8>>,
	},
}

/// What the sender signs.
#[derive(Clone, Debug, Eq, PartialEq, Encode, Decode)]
pub struct Essence {
	/// The sender device's ed25519 public key (its account).
	pub sender: [u8; 32],
	/// The sender's sequence number: 0, 1, 2, … One transaction per number.
	pub seq: u64,
	/// The two transactions it approves (may be equal when only one tip exists).
	pub parents: [TxId; 2],
	/// Unix time in milliseconds, by the sender's clock.
	pub timestamp_ms: u64,
	/// What it does.
	pub payload: Payload,
}

/// A DAG transaction as sent and stored.
#[derive(Clone, Debug, Eq, PartialEq, Encode, Decode)]
pub struct DagTx {
	/// The signed content.
	pub essence: Essence,
	/// The proof-of-work nonce ([`crate::pow`]).
	pub nonce: u64,
	/// The sender's ed25519 signature of [`message`].
	pub signature: [u8; 64],
}

/// The bytes the sender signs.
pub fn message(genesis: &[u8; 32], essence: &Essence) -> Vec<u8> {
	let mut message = TX_CONTEXT.to_vec();
	message.extend_from_slice(genesis);
	essence.encode_to(&mut message);
	message
}

/// The id of `essence` on the chain of `genesis`.
pub fn id(genesis: &[u8; 32], essence: &Essence) -> TxId {
	sp_crypto_hashing::blake2_256(&message(genesis, essence))
}

impl DagTx {
	/// Signs `essence` with `key` and stamps it with a proof of work of `difficulty` bits.
	pub fn sign(
		genesis: &[u8; 32],
		essence: Essence,
		key: &ed25519_zebra::SigningKey,
		difficulty: u8,
	) -> Self {
		let message = message(genesis, &essence);
		let id = sp_crypto_hashing::blake2_256(&message);
		let signature = key.sign(&message).to_bytes();
		let nonce = crate::pow::solve(&id, difficulty, 0);
		Self { essence, nonce, signature }
	}

	/// This transaction's id on the chain of `genesis`.
	pub fn id(&self, genesis: &[u8; 32]) -> TxId {
		id(genesis, &self.essence)
	}

	/// Decodes a transaction from exactly `bytes`; `None` if they are longer than
	/// [`MAX_TX_SIZE`], malformed, or have bytes left over.
	pub fn decode_exact(bytes: &[u8]) -> Option<Self> {
		if bytes.len() > MAX_TX_SIZE {
			return None;
		}
		let mut input = bytes;
		let tx = Self::decode(&mut input).ok()?;
		input.is_empty().then_some(tx)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	const VECTOR_ID: &str = "9a98ba0590d4b4b50cd5791b98dce2258f01a48b0706af0c1153f3a03eb5e8e9";
	const VECTOR_NONCE: u64 = 163;
	const VECTOR_TX: &str = concat!(
		"2152f8d19b791d24453242e15f2eab6cb7cffa7b6a5ed30097960e069881db12",
		"0300000000000000",
		"957ebcbf395d16703ddb972431c85382aa532dc83ca75b1a3552b6c6aa9619c9",
		"957ebcbf395d16703ddb972431c85382aa532dc83ca75b1a3552b6c6aa9619c9",
		"00505c18a3010000",
		"01",
		"2222222222222222222222222222222222222222222222222222222222222222",
		"0004000000000000",
		"014c6261666b726569676832616b69736361696c64",
		"a300000000000000",
		"442f6636596bf7976c55a4d5f0f3b4beed6b14ba507058a3b641649e748fcb9d",
		"34fc27d77a0b006388a65c9bbebc615b94b1cbc199743bc23c8601c1dd5ed30d",
	);

	fn essence() -> Essence {
		Essence {
			sender: [1; 32],
			seq: 7,
			parents: [[2; 32], [3; 32]],
			timestamp_ms: 1_800_000_000_000,
			payload: Payload::Transfer { to: [4; 32], amount: 5 },
		}
	}

	#[test]
	fn the_message_has_the_documented_bytes() {
		let genesis = [9; 32];
		let mut expected = b"itc/dag/tx/v1".to_vec();
		expected.extend([9; 32]);
		expected.extend([1; 32]);
		expected.extend(7u64.to_le_bytes());
		expected.extend([2; 32]);
		expected.extend([3; 32]);
		expected.extend(1_800_000_000_000u64.to_le_bytes());
		expected.push(0);
		expected.extend([4; 32]);
		expected.extend(5u128.to_le_bytes());
		assert_eq!(message(&genesis, &essence()), expected);

		let record = Essence {
			payload: Payload::Record { digest: [6; 32], size: 300, cid: Some(b"bafy".to_vec()) },
			..essence()
		};
		let tail = [&[1u8][..], &[6; 32], &300u64.to_le_bytes(), &[1, 16], b"bafy"].concat();
		assert!(message(&genesis, &record).ends_with(&tail));
	}

	#[test]
	fn the_id_ignores_nonce_and_signature_but_not_the_chain() {
		let key = ed25519_zebra::SigningKey::from([5; 32]);
		let tx = DagTx::sign(&[9; 32], essence(), &key, 4);
		let mut other = tx.clone();
		other.nonce += 1;
		other.signature = [0; 64];
		assert_eq!(tx.id(&[9; 32]), other.id(&[9; 32]));
		assert_ne!(tx.id(&[9; 32]), tx.id(&[8; 32]));
	}

	/// The vector docs/DAG.md quotes; firmware implementations check against it.
	pub(crate) fn vector() -> (DagTx, TxId) {
		let genesis = [0x11; 32];
		let key = ed25519_zebra::SigningKey::from([0x42; 32]);
		let root = crate::graph::root_id(&genesis);
		let essence = Essence {
			sender: ed25519_zebra::VerificationKeyBytes::from(&key).into(),
			seq: 3,
			parents: [root, root],
			timestamp_ms: 1_800_000_000_000,
			payload: Payload::Record {
				digest: [0x22; 32],
				size: 1_024,
				cid: Some(b"bafkreigh2akiscaild".to_vec()),
			},
		};
		let tx = DagTx::sign(&genesis, essence, &key, 12);
		let id = tx.id(&genesis);
		(tx, id)
	}

	fn hex(bytes: &[u8]) -> String {
		bytes.iter().map(|b| format!("{b:02x}")).collect()
	}

	#[test]
	fn a_documented_vector_holds() {
		let (tx, id) = vector();
		println!("id {}\nnonce {}\ntx {}", hex(&id), tx.nonce, hex(&tx.encode()));
		assert_eq!(hex(&id), VECTOR_ID);
		assert_eq!(tx.nonce, VECTOR_NONCE);
		assert_eq!(hex(&tx.encode()), VECTOR_TX);
	}

	#[test]
	fn decoding_takes_exactly_one_bounded_transaction() {
		let key = ed25519_zebra::SigningKey::from([5; 32]);
		let tx = DagTx::sign(&[9; 32], essence(), &key, 0);
		let bytes = tx.encode();
		assert_eq!(DagTx::decode_exact(&bytes), Some(tx));
		assert_eq!(DagTx::decode_exact(&[bytes.clone(), vec![0]].concat()), None);
		assert_eq!(DagTx::decode_exact(&bytes[..bytes.len() - 1]), None);
		assert_eq!(DagTx::decode_exact(&[0xff; 40]), None);
		assert_eq!(DagTx::decode_exact(&vec![0; MAX_TX_SIZE + 1]), None);
	}
}
