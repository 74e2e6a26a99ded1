//! Operator keys of the public testnet (`itc_testnet`).
//!
//! Public halves only, and no development key (Alice, Bob, ...) among them. These were generated
//! fresh and their secret halves not kept: operators launching the testnet replace them with
//! their own (docs/CHAIN_SPECS.md).
//! Governance — sudo, and the circulation bucket until it is distributed — is a 2-of-3
//! multisig of the council keys ("system contracts need multi-authorization").

use super::Allocation;
use crate::AccountId;
use alloc::vec::Vec;
use hex_literal::hex;
use itc_primitives::time::DAY_MS;

/// Validators' (Aura sr25519, GRANDPA ed25519) public keys.
const VALIDATORS: [([u8; 32], [u8; 32]); 3] = [
	(
		hex!("081ce66053805a76583c0929f24e148e1e8166efbec2f5f7e98bf9c67397bf1e"),
		hex!("ec2007e8923347cee6cd86a2641823a8a4edc18e8e26a78d3e678a40c94ed714"),
	),
	(
		hex!("004a648a565839da9c13c898a269fb33f89aec79cd6fa5eea4e185c07f0fc163"),
		hex!("dae6e8d4a311421d2f35b38fdfd8151e7b1f6c103fb01df96e9865ba486190ce"),
	),
	(
		hex!("ca081343fd79a6ce81998c0dd42231a3f08d7eb90f78fcc3cc86ca4cf51e6b57"),
		hex!("87d3b9210098a66f26b3349787b11bdab339c3e6dbc1c30ce87f3d5deea2d911"),
	),
];

/// Council members' sr25519 public keys.
const COUNCIL: [[u8; 32]; 3] = [
	hex!("5867666e80afcd4dfad025e6348079adb38eaaaac528428c50aff00c56ddf62f"),
	hex!("80990800bc000cf789b896d1d58fdef36c11a0696c63a6fdde132ac316831c2a"),
	hex!("c858e0c88476f70968ca5887fbb9c51b9a384d96f678f0da72596cf407730a07"),
];

/// Signatures of the council needed to act.
pub const COUNCIL_THRESHOLD: u16 = 2;

/// The R&D team's sr25519 public key.
const TEAM: [u8; 32] = hex!("9a9106d66e5b176e36a665eb1ea8247c1d280e1d794d06303f4ab772957dcc3f");

/// The council's multisig account.
pub fn council() -> AccountId {
	let mut members: Vec<AccountId> = COUNCIL.iter().map(|k| AccountId::from(*k)).collect();
	members.sort();
	pallet_multisig::Pallet::<crate::Runtime>::multi_account_id(&members, COUNCIL_THRESHOLD)
}

/// The public testnet's allocation.
pub fn allocation() -> Allocation {
	Allocation {
		authorities: VALIDATORS
			.iter()
			.map(|(aura, gran)| {
				(
					sp_consensus_aura::sr25519::AuthorityId::from(
						sp_core::sr25519::Public::from_raw(*aura),
					),
					sp_consensus_grandpa::AuthorityId::from(sp_core::ed25519::Public::from_raw(
						*gran,
					)),
				)
			})
			.collect(),
		root: council(),
		circulation: alloc::vec![council()],
		team: AccountId::from(TEAM),
		era_length_ms: DAY_MS,
		epoch_length_ms: pallet_dag_anchor::DEFAULT_EPOCH_LENGTH_MS,
	}
}
