//! Builds the runtime's WebAssembly blob (skipped with `SKIP_WASM_BUILD=1`).

fn main() {
	#[cfg(feature = "std")]
	{
		// The cargo target directory lives outside the checkout (scripts/env.sh), so the wasm
		// builder cannot find the workspace's Cargo.lock by walking up from it and would resolve
		// the runtime's dependencies afresh. Point it at this workspace — here, not in
		// `.cargo/config.toml`, where it would also apply to other crates' wasm builds.
		let runtime_dir = std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo");
		let workspace = std::path::Path::new(&runtime_dir).join("..");
		std::env::set_var("WASM_BUILD_WORKSPACE_HINT", workspace);
	}

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
