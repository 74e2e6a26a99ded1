//! Placeholder until `scripts/bench/weights.sh itc_chain_extension` writes the measured file.

#![allow(missing_docs)]

use core::marker::PhantomData;
use frame_support::weights::Weight;

/// Weight functions needed for `itc_chain_extension`.
pub trait WeightInfo {
	fn device_status() -> Weight;
	fn device_owner() -> Weight;
	fn device_manufacturer() -> Weight;
	fn device_active() -> Weight;
	fn manufacturer_active() -> Weight;
	fn listing() -> Weight;
	fn verify_device_signature(n: u32) -> Weight;
}

pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn device_status() -> Weight {
		Weight::MAX
	}
	fn device_owner() -> Weight {
		Weight::MAX
	}
	fn device_manufacturer() -> Weight {
		Weight::MAX
	}
	fn device_active() -> Weight {
		Weight::MAX
	}
	fn manufacturer_active() -> Weight {
		Weight::MAX
	}
	fn listing() -> Weight {
		Weight::MAX
	}
	fn verify_device_signature(_n: u32) -> Weight {
		Weight::MAX
	}
}

impl WeightInfo for () {
	fn device_status() -> Weight {
		Weight::zero()
	}
	fn device_owner() -> Weight {
		Weight::zero()
	}
	fn device_manufacturer() -> Weight {
		Weight::zero()
	}
	fn device_active() -> Weight {
		Weight::zero()
	}
	fn manufacturer_active() -> Weight {
		Weight::zero()
	}
	fn listing() -> Weight {
		Weight::zero()
	}
	fn verify_device_signature(_n: u32) -> Weight {
		Weight::zero()
	}
}
