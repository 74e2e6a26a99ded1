//! Signed extrinsics built from the runtime's own types, as a wallet would: immortal, no tip,
//! no metadata hash.

use codec::Encode;
use itc_runtime::{
	AccountId, Hash, Runtime, RuntimeCall, SignedPayload, TxExtension, UncheckedExtrinsic,
};
use sp_core::{sr25519, Pair};
use sp_runtime::generic::Era;

/// What every transaction of a run is bound to.
#[derive(Clone, Copy)]
pub struct Chain {
	/// The genesis hash (also the immortal era's block).
	pub genesis: Hash,
	/// The runtime's spec version.
	pub spec_version: u32,
	/// The runtime's transaction version.
	pub transaction_version: u32,
}

/// The transaction extensions of an immortal, tip-less transaction with `nonce`.
pub fn extension(nonce: u32) -> TxExtension {
	(
		frame_system::AuthorizeCall::<Runtime>::new(),
		frame_system::CheckNonZeroSender::<Runtime>::new(),
		frame_system::CheckSpecVersion::<Runtime>::new(),
		frame_system::CheckTxVersion::<Runtime>::new(),
		frame_system::CheckGenesis::<Runtime>::new(),
		frame_system::CheckEra::<Runtime>::from(Era::Immortal),
		frame_system::CheckNonce::<Runtime>::from(nonce),
		frame_system::CheckWeight::<Runtime>::new(),
		pallet_transaction_payment::ChargeTransactionPayment::<Runtime>::from(0),
		frame_metadata_hash_extension::CheckMetadataHash::<Runtime>::new(false),
		frame_system::WeightReclaim::<Runtime>::new(),
	)
}

/// `call` signed by `signer` with `nonce`, encoded for `author_submitExtrinsic`.
pub fn signed(chain: &Chain, signer: &sr25519::Pair, nonce: u32, call: RuntimeCall) -> Vec<u8> {
	let extension = extension(nonce);
	let implicit = (
		(),
		(),
		chain.spec_version,
		chain.transaction_version,
		chain.genesis,
		chain.genesis,
		(),
		(),
		(),
		None,
		(),
	);
	let payload = SignedPayload::from_raw(call.clone(), extension.clone(), implicit);
	let signature = payload.using_encoded(|bytes| signer.sign(bytes));
	let who: AccountId = signer.public().into();
	UncheckedExtrinsic::new_signed(call, who.into(), signature.into(), extension).encode()
}

/// The hash the pool and the block give an encoded extrinsic.
pub fn hash(extrinsic: &[u8]) -> Hash {
	<sp_runtime::traits::BlakeTwo256 as sp_runtime::traits::Hash>::hash(extrinsic)
}
