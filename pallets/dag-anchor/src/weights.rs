//! Weights for `pallet_dag_anchor`: placeholder until `scripts/bench/weights.sh
//! pallet_dag_anchor` generates this file on the reference machine.

#![allow(missing_docs)]

use core::marker::PhantomData;
use frame_support::weights::Weight;

/// Weight functions needed for `pallet_dag_anchor`.
pub trait WeightInfo {
	fn authorize_propose() -> Weight;
	fn propose_counting() -> Weight;
	fn propose_anchoring(v: u32, s: u32, r: u32) -> Weight;
	fn on_initialize_open() -> Weight;
	fn on_initialize_timeout(p: u32) -> Weight;
}

/// Replaced by the generated weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn authorize_propose() -> Weight {
		Weight::zero()
	}
	fn propose_counting() -> Weight {
		Weight::zero()
	}
	fn propose_anchoring(_v: u32, _s: u32, _r: u32) -> Weight {
		Weight::zero()
	}
	fn on_initialize_open() -> Weight {
		Weight::zero()
	}
	fn on_initialize_timeout(_p: u32) -> Weight {
		Weight::zero()
	}
}

impl WeightInfo for () {
	fn authorize_propose() -> Weight {
		Weight::zero()
	}
	fn propose_counting() -> Weight {
		Weight::zero()
	}
	fn propose_anchoring(_v: u32, _s: u32, _r: u32) -> Weight {
		Weight::zero()
	}
	fn on_initialize_open() -> Weight {
		Weight::zero()
	}
	fn on_initialize_timeout(_p: u32) -> Weight {
		Weight::zero()
	}
}
