//! Bootstrap weights; `scripts/bench/weights.sh pallet_manufacturers` overwrites this file.
#![allow(missing_docs)]
use core::marker::PhantomData;
use frame_support::weights::Weight;
pub trait WeightInfo {
	fn apply() -> Weight;
	fn withdraw() -> Weight;
	fn approve() -> Weight;
	fn freeze() -> Weight;
	fn release() -> Weight;
	fn retire() -> Weight;
	fn set_quota() -> Weight;
}
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn apply() -> Weight {
		Weight::from_parts(1_000_000_000, 0)
	}
	fn withdraw() -> Weight {
		Weight::from_parts(1_000_000_000, 0)
	}
	fn approve() -> Weight {
		Weight::from_parts(1_000_000_000, 0)
	}
	fn freeze() -> Weight {
		Weight::from_parts(1_000_000_000, 0)
	}
	fn release() -> Weight {
		Weight::from_parts(1_000_000_000, 0)
	}
	fn retire() -> Weight {
		Weight::from_parts(1_000_000_000, 0)
	}
	fn set_quota() -> Weight {
		Weight::from_parts(1_000_000_000, 0)
	}
}
impl WeightInfo for () {
	fn apply() -> Weight {
		Weight::from_parts(1_000_000_000, 0)
	}
	fn withdraw() -> Weight {
		Weight::from_parts(1_000_000_000, 0)
	}
	fn approve() -> Weight {
		Weight::from_parts(1_000_000_000, 0)
	}
	fn freeze() -> Weight {
		Weight::from_parts(1_000_000_000, 0)
	}
	fn release() -> Weight {
		Weight::from_parts(1_000_000_000, 0)
	}
	fn retire() -> Weight {
		Weight::from_parts(1_000_000_000, 0)
	}
	fn set_quota() -> Weight {
		Weight::from_parts(1_000_000_000, 0)
	}
}
