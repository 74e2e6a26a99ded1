//! Bootstrap weights; `scripts/bench/weights.sh pallet_devices` overwrites this file.
#![allow(missing_docs)]
use core::marker::PhantomData;
use frame_support::weights::Weight;
pub trait WeightInfo {
	fn register(n: u32) -> Weight;
	fn claim() -> Weight;
	fn transfer() -> Weight;
	fn suspend() -> Weight;
	fn reinstate() -> Weight;
	fn decommission() -> Weight;
	fn report_firmware() -> Weight;
	fn set_approved_firmware(n: u32) -> Weight;
}
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn register(n: u32) -> Weight {
		let _ = n;
		Weight::from_parts(1_000_000_000, 0)
	}
	fn claim() -> Weight {
		Weight::from_parts(1_000_000_000, 0)
	}
	fn transfer() -> Weight {
		Weight::from_parts(1_000_000_000, 0)
	}
	fn suspend() -> Weight {
		Weight::from_parts(1_000_000_000, 0)
	}
	fn reinstate() -> Weight {
		Weight::from_parts(1_000_000_000, 0)
	}
	fn decommission() -> Weight {
		Weight::from_parts(1_000_000_000, 0)
	}
	fn report_firmware() -> Weight {
		Weight::from_parts(1_000_000_000, 0)
	}
	fn set_approved_firmware(n: u32) -> Weight {
		let _ = n;
		Weight::from_parts(1_000_000_000, 0)
	}
}
impl WeightInfo for () {
	fn register(n: u32) -> Weight {
		let _ = n;
		Weight::from_parts(1_000_000_000, 0)
	}
	fn claim() -> Weight {
		Weight::from_parts(1_000_000_000, 0)
	}
	fn transfer() -> Weight {
		Weight::from_parts(1_000_000_000, 0)
	}
	fn suspend() -> Weight {
		Weight::from_parts(1_000_000_000, 0)
	}
	fn reinstate() -> Weight {
		Weight::from_parts(1_000_000_000, 0)
	}
	fn decommission() -> Weight {
		Weight::from_parts(1_000_000_000, 0)
	}
	fn report_firmware() -> Weight {
		Weight::from_parts(1_000_000_000, 0)
	}
	fn set_approved_firmware(n: u32) -> Weight {
		let _ = n;
		Weight::from_parts(1_000_000_000, 0)
	}
}
