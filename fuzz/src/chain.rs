//! Blocks and transactions, applied the way a block builder applies them.
//!
//! Every block runs through `Executive::initialize_block` (with an Aura pre-digest), the
//! timestamp inherent, the transactions and `Executive::finalize_block`, so every pallet's
//! `on_initialize`, `on_poll`, `on_idle` and `on_finalize` run. Transactions are real signed
//! extrinsics (fees, nonces, weight and length limits, the call filter): an invalid one is
//! rolled back, as the block builder drops it.

use codec::Encode;
use frame_system::offchain::CreateAuthorizedTransaction;
use itc_primitives::{time::SLOT_DURATION, Moment};
use itc_runtime::{
	AccountId, Address, BlockNumber, Executive, Runtime, RuntimeCall, SignedPayload, System,
	TxExtension, UncheckedExtrinsic,
};
use sp_core::{ed25519, sr25519, Pair, H256};
use sp_runtime::{
	generic::{Digest, DigestItem, Era, Header},
	traits::{BlakeTwo256, Header as _},
	transaction_validity::{InvalidTransaction, TransactionValidityError},
	DispatchError, MultiSignature,
};

/// A key that signs transactions.
#[derive(Clone)]
pub enum Signer {
	/// An sr25519 account (the development accounts).
	Sr(sr25519::Pair),
	/// An ed25519 account (device accounts).
	Ed(ed25519::Pair),
}

impl Signer {
	/// The signer's account.
	pub fn account(&self) -> AccountId {
		match self {
			Self::Sr(p) => p.public().into(),
			Self::Ed(p) => p.public().into(),
		}
	}

	/// A signature over `message`.
	pub fn sign(&self, message: &[u8]) -> MultiSignature {
		match self {
			Self::Sr(p) => p.sign(message).into(),
			Self::Ed(p) => p.sign(message).into(),
		}
	}
}

/// What became of a transaction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
	/// Included and dispatched without error.
	Ok,
	/// Included (fees paid), the call returned an error.
	Failed(DispatchError),
	/// Not includable: dropped, nothing changed.
	Invalid(TransactionValidityError),
}

impl Outcome {
	/// Whether the call succeeded.
	pub fn is_ok(&self) -> bool {
		matches!(self, Self::Ok)
	}
}

/// The transaction extensions a wallet attaches: immortal, `nonce`, `tip`.
pub fn extension(nonce: u32, tip: u128) -> TxExtension {
	(
		frame_system::AuthorizeCall::<Runtime>::new(),
		frame_system::CheckNonZeroSender::<Runtime>::new(),
		frame_system::CheckSpecVersion::<Runtime>::new(),
		frame_system::CheckTxVersion::<Runtime>::new(),
		frame_system::CheckGenesis::<Runtime>::new(),
		frame_system::CheckEra::<Runtime>::from(Era::Immortal),
		frame_system::CheckNonce::<Runtime>::from(nonce),
		frame_system::CheckWeight::<Runtime>::new(),
		pallet_transaction_payment::ChargeTransactionPayment::<Runtime>::from(tip),
		frame_metadata_hash_extension::CheckMetadataHash::<Runtime>::new(false),
		frame_system::WeightReclaim::<Runtime>::new(),
	)
}

/// Applies `xt` inside a storage transaction that is rolled back if the extrinsic is invalid.
pub fn apply(xt: UncheckedExtrinsic) -> Outcome {
	sp_io::storage::start_transaction();
	match Executive::apply_extrinsic(xt) {
		Ok(result) => {
			sp_io::storage::commit_transaction();
			match result {
				Ok(()) => Outcome::Ok,
				Err(e) => Outcome::Failed(e),
			}
		},
		Err(e) => {
			sp_io::storage::rollback_transaction();
			Outcome::Invalid(e)
		},
	}
}

/// Signs `call` by `signer` with its current nonce shifted by `nonce_shift`, and applies it.
pub fn signed(signer: &Signer, call: RuntimeCall, nonce_shift: i8, tip: u128) -> Outcome {
	let who = signer.account();
	let nonce = System::account_nonce(&who).wrapping_add_signed(nonce_shift.into());
	let ext = extension(nonce, tip);
	let payload = SignedPayload::new(call.clone(), ext.clone()).expect("no implicit data fails");
	let signature = payload.using_encoded(|bytes| signer.sign(bytes));
	apply(UncheckedExtrinsic::new_signed(call, Address::Id(who), signature, ext))
}

/// Applies `call` as an authorized (signer-less, fee-less) transaction, as the off-chain
/// worker submits DAG anchor proposals.
pub fn authorized(call: pallet_dag_anchor::Call<Runtime>) -> Outcome {
	let ext = <Runtime as CreateAuthorizedTransaction<pallet_dag_anchor::Call<Runtime>>>::create_extension();
	apply(UncheckedExtrinsic::new_transaction(call.into(), ext))
}

/// Whether an invalid transaction failed only because the block is full.
pub fn block_full(outcome: &Outcome) -> bool {
	matches!(
		outcome,
		Outcome::Invalid(TransactionValidityError::Invalid(InvalidTransaction::ExhaustsResources))
	)
}

/// Opens block `n` at time `now` (a slot later than the last block's) and applies the
/// timestamp inherent. Block numbers may jump (a warp): the chain is told the previous one.
pub fn open_block(n: BlockNumber, now: Moment) {
	let parent = if n == 1 {
		// Block 1's parent is genesis: device proofs and `CheckGenesis` read it.
		System::block_hash(0)
	} else {
		// Synthetic but deterministic: real hashes cover extrinsics, whose sr25519
		// signatures are randomised, and the run must replay byte for byte.
		H256(sp_io::hashing::blake2_256(&(b"itc-fuzz/parent", n - 1).encode()))
	};
	System::set_block_number(n - 1);
	let slot = sp_consensus_aura::Slot::from(now / SLOT_DURATION);
	let digest = Digest {
		logs: vec![DigestItem::PreRuntime(sp_consensus_aura::AURA_ENGINE_ID, slot.encode())],
	};
	let header = Header::<BlockNumber, BlakeTwo256>::new(
		n,
		Default::default(),
		Default::default(),
		parent,
		digest,
	);
	Executive::initialize_block(&header);
	let inherent =
		UncheckedExtrinsic::new_bare(pallet_timestamp::Call::<Runtime>::set { now }.into());
	let applied = Executive::apply_extrinsic(inherent);
	assert_eq!(applied, Ok(Ok(())), "the timestamp inherent of block {n} at {now}");
}

/// Closes the open block: `on_idle`, `on_finalize`, the header.
pub fn close_block() {
	let _header = Executive::finalize_block();
}

/// The open block's timestamp.
pub fn now() -> Moment {
	pallet_timestamp::Now::<Runtime>::get()
}

/// Closes the open block and opens the next, `slots` slots later.
pub fn next_block(slots: u64) {
	let (n, t) = (System::block_number(), now());
	close_block();
	open_block(n + 1, t + slots.max(1) * SLOT_DURATION);
}

/// The account of `signer` as a lookup source.
pub fn address(who: &AccountId) -> Address {
	Address::Id(who.clone())
}
