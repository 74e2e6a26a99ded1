//! Genesis presets: `development` (one validator, Alice), `local_testnet` (Alice and Bob) and
//! `itc_testnet` (the public testnet, no development keys).
//!
//! Every preset allocates exactly [`TOTAL_SUPPLY`] by the IONChain token model:
//!
//! | bucket | share | held by |
//! |---|---|---|
//! | circulation | 25 % | the preset's circulation accounts, in equal parts |
//! | mining-reward pool | 25 % | [`accounts::mining_pool`] |
//! | community fund | 20 % | [`accounts::community_fund`] |
//! | R&D team | 20 % | the preset's team account, frozen: 33 % unlocks at month 12, 33 % at month 24, 34 % at month 36 |
//! | node incentives | 10 % | [`accounts::node_incentives`] |

mod testnet;

pub use testnet::council as testnet_council;

use crate::{
	accounts, AccountId, AuraConfig, BalancesConfig, DagAnchorConfig, EdgeMiningConfig,
	GrandpaConfig, RuntimeGenesisConfig, SudoConfig, VestingConfig, TOTAL_SUPPLY,
};
use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use itc_primitives::{
	time::MONTH_MS,
	token::{bucket, share, TEAM_TRANCHES},
	Balance, Moment,
};
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// Preset of the public testnet.
pub const ITC_TESTNET_PRESET: &str = "itc_testnet";

/// Who holds what in a preset.
pub struct Allocation {
	/// Block authors and GRANDPA voters.
	pub authorities: Vec<(AuraId, GrandpaId)>,
	/// The sudo key (a multisig account outside development).
	pub root: AccountId,
	/// Accounts that share the circulation bucket equally.
	pub circulation: Vec<AccountId>,
	/// The R&D team account, whose bucket vests on [`TEAM_TRANCHES`].
	pub team: AccountId,
	/// Milliseconds per mining era: a day on public chains, short on development ones.
	pub era_length_ms: Moment,
	/// Milliseconds per DAG anchor epoch: minutes on public chains, seconds on development
	/// ones.
	pub epoch_length_ms: Moment,
}

/// The balances of every genesis account: the five buckets of the token model.
pub fn endowments(a: &Allocation) -> Vec<(AccountId, Balance)> {
	let circulation = bucket(share::CIRCULATION);
	let holders = a.circulation.len() as Balance;
	let each = circulation / holders;
	let mut balances: Vec<(AccountId, Balance)> =
		a.circulation.iter().map(|who| (who.clone(), each)).collect();
	// Whatever the equal split leaves over goes to the first holder, so the sum is exact.
	balances[0].1 += circulation - each * holders;
	balances.push((a.team.clone(), bucket(share::TEAM)));
	balances.push((accounts::mining_pool(), bucket(share::MINING_POOL)));
	balances.push((accounts::community_fund(), bucket(share::COMMUNITY_FUND)));
	balances.push((accounts::node_incentives(), bucket(share::NODE_INCENTIVES)));
	debug_assert_eq!(balances.iter().map(|(_, b)| b).sum::<Balance>(), TOTAL_SUPPLY);
	balances
}

/// The team's milestones: `(ms after genesis, amount)`.
pub fn team_milestones() -> Vec<(Moment, Balance)> {
	let team = bucket(share::TEAM);
	TEAM_TRANCHES
		.iter()
		.map(|&(months, percent)| (months as Moment * MONTH_MS, team / 100 * percent))
		.collect()
}

/// The genesis patch for an allocation.
pub fn genesis(a: Allocation) -> Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig { balances: endowments(&a) },
		aura: AuraConfig {
			authorities: a.authorities.iter().map(|(aura, _)| aura.clone()).collect::<Vec<_>>(),
		},
		grandpa: GrandpaConfig {
			authorities: a
				.authorities
				.iter()
				.map(|(_, gran)| (gran.clone(), 1))
				.collect::<Vec<_>>(),
		},
		sudo: SudoConfig { key: Some(a.root) },
		vesting: VestingConfig { schedules: vec![(a.team, team_milestones())] },
		edge_mining: EdgeMiningConfig { era_length_ms: a.era_length_ms },
		dag_anchor: DagAnchorConfig { epoch_length_ms: a.epoch_length_ms },
	})
}

/// Aura (sr25519) and GRANDPA (ed25519) keys of a development account, from the same seed.
fn dev_authority(aura: Sr25519Keyring, grandpa: Ed25519Keyring) -> (AuraId, GrandpaId) {
	(aura.public().into(), grandpa.public().into())
}

/// The development accounts that share circulation: Alice … Eve and three stashes.
/// Ferdie is the team account, so his balance shows the vesting freeze.
fn dev_allocation(authorities: Vec<(AuraId, GrandpaId)>) -> Allocation {
	use Sr25519Keyring::*;
	Allocation {
		authorities,
		root: Alice.to_account_id(),
		circulation: [Alice, Bob, Charlie, Dave, Eve, AliceStash, BobStash, CharlieStash]
			.iter()
			.map(|k| k.to_account_id())
			.collect(),
		team: Ferdie.to_account_id(),
		era_length_ms: DEV_ERA_MS,
		epoch_length_ms: DEV_EPOCH_MS,
	}
}

/// Mining era of the development presets: 30 s (ten blocks), so rewards show within a
/// minute. The whole 20-year curve runs in 2.5 days on such a chain.
pub const DEV_ERA_MS: Moment = 30_000;

/// DAG anchor epoch of the development presets: 12 s (four blocks), so a DAG transaction is
/// anchored within half a minute of its confirmation.
pub const DEV_EPOCH_MS: Moment = 12_000;

/// `development`: Alice alone produces and finalizes blocks.
pub fn development() -> Value {
	genesis(dev_allocation(vec![dev_authority(Sr25519Keyring::Alice, Ed25519Keyring::Alice)]))
}

/// `local_testnet`: Alice and Bob validate.
pub fn local_testnet() -> Value {
	genesis(dev_allocation(vec![
		dev_authority(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
		dev_authority(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
	]))
}

/// `itc_testnet`: the public testnet, from [`testnet`]'s operator keys.
pub fn itc_testnet() -> Value {
	genesis(testnet::allocation())
}

/// The preset of the given id, as JSON.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_testnet(),
		ITC_TESTNET_PRESET => itc_testnet(),
		_ => return None,
	};
	Some(
		serde_json::to_string(&patch)
			.expect("serialization to json is expected to work. qed.")
			.into_bytes(),
	)
}

/// The ids of the presets.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
		PresetId::from(ITC_TESTNET_PRESET),
	]
}
