//! Bootstrap weights for `pallet_data_market`, replaced by `scripts/bench/weights.sh`.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::ParityDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_data_market`.
pub trait WeightInfo {
	fn list() -> Weight;
	fn update_listing() -> Weight;
	fn withdraw_listing() -> Weight;
	fn expire_listing() -> Weight;
	fn buy() -> Weight;
	fn deliver() -> Weight;
	fn confirm() -> Weight;
	fn dispute_won_by_buyer() -> Weight;
	fn dispute_won_by_seller() -> Weight;
	fn refund() -> Weight;
	fn settle() -> Weight;
	fn post_bounty() -> Weight;
	fn answer_bounty() -> Weight;
	fn accept_answer() -> Weight;
	fn close_bounty() -> Weight;
	fn judge() -> Weight;
	fn on_initialize(n: u32, ) -> Weight;
}

/// Placeholder until benchmarked.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn list() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(8, 8)) }
	fn update_listing() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(8, 8)) }
	fn withdraw_listing() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(8, 8)) }
	fn expire_listing() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(8, 8)) }
	fn buy() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(8, 8)) }
	fn deliver() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(8, 8)) }
	fn confirm() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(8, 8)) }
	fn dispute_won_by_buyer() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(8, 8)) }
	fn dispute_won_by_seller() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(8, 8)) }
	fn refund() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(8, 8)) }
	fn settle() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(8, 8)) }
	fn post_bounty() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(8, 8)) }
	fn answer_bounty() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(8, 8)) }
	fn accept_answer() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(8, 8)) }
	fn close_bounty() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(8, 8)) }
	fn judge() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(8, 8)) }
	fn on_initialize(n: u32, ) -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(Weight::from_parts(100_000_000, 10_000).saturating_mul(n.into())) }
}

impl WeightInfo for () {
	fn list() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(ParityDbWeight::get().reads_writes(8, 8)) }
	fn update_listing() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(ParityDbWeight::get().reads_writes(8, 8)) }
	fn withdraw_listing() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(ParityDbWeight::get().reads_writes(8, 8)) }
	fn expire_listing() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(ParityDbWeight::get().reads_writes(8, 8)) }
	fn buy() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(ParityDbWeight::get().reads_writes(8, 8)) }
	fn deliver() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(ParityDbWeight::get().reads_writes(8, 8)) }
	fn confirm() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(ParityDbWeight::get().reads_writes(8, 8)) }
	fn dispute_won_by_buyer() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(ParityDbWeight::get().reads_writes(8, 8)) }
	fn dispute_won_by_seller() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(ParityDbWeight::get().reads_writes(8, 8)) }
	fn refund() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(ParityDbWeight::get().reads_writes(8, 8)) }
	fn settle() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(ParityDbWeight::get().reads_writes(8, 8)) }
	fn post_bounty() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(ParityDbWeight::get().reads_writes(8, 8)) }
	fn answer_bounty() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(ParityDbWeight::get().reads_writes(8, 8)) }
	fn accept_answer() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(ParityDbWeight::get().reads_writes(8, 8)) }
	fn close_bounty() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(ParityDbWeight::get().reads_writes(8, 8)) }
	fn judge() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(ParityDbWeight::get().reads_writes(8, 8)) }
	fn on_initialize(n: u32, ) -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(Weight::from_parts(100_000_000, 10_000).saturating_mul(n.into())) }
}
