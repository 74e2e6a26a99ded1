// PLACEHOLDER until scripts/bench/weights.sh generates this file on this machine.
#![allow(missing_docs)]
use frame_support::weights::Weight;
pub trait WeightInfo {
	fn vest(m: u32) -> Weight;
	fn vested_transfer(m: u32) -> Weight;
}
pub struct SubstrateWeight<T>(core::marker::PhantomData<T>);
impl<T> WeightInfo for SubstrateWeight<T> {
	fn vest(_m: u32) -> Weight {
		Weight::zero()
	}
	fn vested_transfer(_m: u32) -> Weight {
		Weight::zero()
	}
}
impl WeightInfo for () {
	fn vest(_m: u32) -> Weight {
		Weight::zero()
	}
	fn vested_transfer(_m: u32) -> Weight {
		Weight::zero()
	}
}
