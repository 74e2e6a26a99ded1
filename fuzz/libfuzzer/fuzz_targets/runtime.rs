//! libFuzzer over the whole runtime: a broken invariant panics, so libFuzzer keeps the input.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
	let mut coverage = itc_runtime_fuzz::Coverage::default();
	if let Err(finding) = itc_runtime_fuzz::run(data, &mut coverage, false) {
		panic!("{finding}");
	}
});
