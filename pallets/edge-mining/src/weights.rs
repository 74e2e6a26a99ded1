//! Placeholder weights for `pallet_edge_mining`, replaced by `scripts/weights.sh`.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::ParityDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_edge_mining`.
pub trait WeightInfo {
	fn submit_report() -> Weight;
	fn set_class_weight() -> Weight;
	fn reward_author() -> Weight;
	fn pay_rewards(n: u32, ) -> Weight;
}

pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn submit_report() -> Weight {
		Weight::from_parts(200_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(8, 4))
	}
	fn set_class_weight() -> Weight {
		Weight::from_parts(20_000_000, 4000).saturating_add(T::DbWeight::get().writes(1))
	}
	fn reward_author() -> Weight {
		Weight::from_parts(60_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(6, 4))
	}
	fn pay_rewards(n: u32, ) -> Weight {
		Weight::from_parts(20_000_000, 4000)
			.saturating_add(Weight::from_parts(80_000_000, 4000).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads_writes(8, 6).saturating_mul(n.into()))
	}
}

impl WeightInfo for () {
	fn submit_report() -> Weight {
		Weight::from_parts(200_000_000, 4000).saturating_add(ParityDbWeight::get().reads_writes(8, 4))
	}
	fn set_class_weight() -> Weight {
		Weight::from_parts(20_000_000, 4000).saturating_add(ParityDbWeight::get().writes(1))
	}
	fn reward_author() -> Weight {
		Weight::from_parts(60_000_000, 4000).saturating_add(ParityDbWeight::get().reads_writes(6, 4))
	}
	fn pay_rewards(n: u32, ) -> Weight {
		Weight::from_parts(20_000_000, 4000)
			.saturating_add(Weight::from_parts(80_000_000, 4000).saturating_mul(n.into()))
			.saturating_add(ParityDbWeight::get().reads_writes(8, 6).saturating_mul(n.into()))
	}
}
