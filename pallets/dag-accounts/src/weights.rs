//! Placeholder weights for `pallet_dag_accounts`, replaced by `scripts/bench/weights.sh`.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::ParityDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_dag_accounts`.
pub trait WeightInfo {
	fn lock() -> Weight;
	fn unlock() -> Weight;
	fn withdraw(n: u32, ) -> Weight;
}

pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn lock() -> Weight {
		Weight::from_parts(100_000_000, 6000).saturating_add(T::DbWeight::get().reads_writes(5, 4))
	}
	fn unlock() -> Weight {
		Weight::from_parts(30_000_000, 3000).saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
	fn withdraw(n: u32, ) -> Weight {
		Weight::from_parts(60_000_000, 4000)
			.saturating_add(Weight::from_parts(1_000_000, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads_writes(3, 3))
	}
}

impl WeightInfo for () {
	fn lock() -> Weight {
		Weight::from_parts(100_000_000, 6000).saturating_add(ParityDbWeight::get().reads_writes(5, 4))
	}
	fn unlock() -> Weight {
		Weight::from_parts(30_000_000, 3000).saturating_add(ParityDbWeight::get().reads_writes(1, 1))
	}
	fn withdraw(n: u32, ) -> Weight {
		Weight::from_parts(60_000_000, 4000)
			.saturating_add(Weight::from_parts(1_000_000, 0).saturating_mul(n.into()))
			.saturating_add(ParityDbWeight::get().reads_writes(3, 3))
	}
}
