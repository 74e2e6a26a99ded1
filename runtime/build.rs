//! Builds the runtime's WebAssembly blob (skipped with `SKIP_WASM_BUILD=1`).

fn main() {
	#[cfg(all(feature = "std", not(feature = "metadata-hash")))]
	substrate_wasm_builder::WasmBuilder::build_using_defaults();

	#[cfg(all(feature = "std", feature = "metadata-hash"))]
	substrate_wasm_builder::WasmBuilder::init_with_defaults()
		.enable_metadata_hash(itc_token::SYMBOL, itc_token::DECIMALS)
		.build();
}

#[cfg(feature = "metadata-hash")]
mod itc_token {
	pub const SYMBOL: &str = "ITC";
	pub const DECIMALS: u8 = 12;
}
