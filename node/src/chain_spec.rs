//! Chain specifications, built from the runtime's genesis presets so they never drift.

use itc_primitives::token::{DECIMALS, SS58_PREFIX, SYMBOL};
use itc_runtime::{genesis_config_presets::ITC_TESTNET_PRESET, WASM_BINARY};
use sc_service::{ChainType, Properties};

/// Chain specification of IoT Chain: no client extensions.
pub type ChainSpec = sc_service::GenericChainSpec;

/// tokenSymbol ITC, tokenDecimals 12, ss58Format 42: what wallets show.
fn properties() -> Properties {
	let mut p = Properties::new();
	p.insert("tokenSymbol".into(), SYMBOL.into());
	p.insert("tokenDecimals".into(), DECIMALS.into());
	p.insert("ss58Format".into(), SS58_PREFIX.into());
	p
}

fn spec(name: &str, id: &str, chain_type: ChainType, preset: &str) -> Result<ChainSpec, String> {
	let wasm = WASM_BINARY.ok_or("runtime wasm not available: built with SKIP_WASM_BUILD?")?;
	Ok(ChainSpec::builder(wasm, Default::default())
		.with_name(name)
		.with_id(id)
		.with_chain_type(chain_type)
		.with_genesis_config_preset_name(preset)
		.with_protocol_id("itc")
		.with_properties(properties())
		.build())
}

/// `--dev`: Alice alone produces and finalizes blocks.
pub fn development_chain_spec() -> Result<ChainSpec, String> {
	spec(
		"IoT Chain Development",
		"itc_dev",
		ChainType::Development,
		sp_genesis_builder::DEV_RUNTIME_PRESET,
	)
}

/// `--chain local`: Alice and Bob validate.
pub fn local_chain_spec() -> Result<ChainSpec, String> {
	spec(
		"IoT Chain Local Testnet",
		"itc_local",
		ChainType::Local,
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET,
	)
}

/// `--chain testnet`: the public testnet, operated with keys that are not in this repository.
pub fn testnet_chain_spec() -> Result<ChainSpec, String> {
	spec("IoT Chain Testnet", "itc_testnet", ChainType::Live, ITC_TESTNET_PRESET)
}
