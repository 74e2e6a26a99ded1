//! # Chain clock pallet
//!
//! Wall-clock time since genesis, for schedules defined in calendar time.
//!
//! ## Overview
//!
//! Aura produces a block per 3-second slot only when the slot's author is online, so block
//! numbers fall behind the calendar whenever slots are missed. Schedules that promise calendar
//! dates (team vesting "at month 12", 20-year emission) must not slip with them. This pallet
//! remembers the timestamp of the chain's first block — the *genesis moment* — and offers
//! [`itc_primitives::WallClock`]: milliseconds elapsed since then, read from the timestamp
//! inherent that every block carries and that validators check against their own clocks.
//!
//! ## Terminology
//!
//! - *Genesis moment*: Unix time in milliseconds of block 1, set by block 1's timestamp
//!   inherent and never changed after. The pallet must be in the runtime from genesis.
//! - *Elapsed*: the current block's timestamp minus the genesis moment.
//!
//! ## Calls
//!
//! None. Wire the pallet into `pallet_timestamp::Config::OnTimestampSet`.

#![cfg_attr(not(feature = "std"), no_std)]

pub use pallet::*;

#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

use frame_support::traits::{OnTimestampSet, Time};
use itc_primitives::{Moment, WallClock};
use sp_runtime::traits::One;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The time source of the runtime: `pallet_timestamp::Pallet`.
		type Time: Time<Moment = Moment>;
	}

	/// Unix time in milliseconds of the chain's first block; `None` until block 1 has set its
	/// timestamp.
	#[pallet::storage]
	pub type GenesisMoment<T> = StorageValue<_, Moment, OptionQuery>;

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(n: BlockNumberFor<T>) -> Weight {
			// `on_timestamp_set` writes `GenesisMoment` in block 1 and touches no storage after
			// (the block number it checks is whitelisted).
			if n.is_one() {
				T::DbWeight::get().writes(1)
			} else {
				Weight::zero()
			}
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	impl<T: Config> Pallet<T> {
		/// The genesis moment is never later than the current block's timestamp.
		#[cfg(any(feature = "try-runtime", feature = "std", test))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			if let Some(genesis) = GenesisMoment::<T>::get() {
				ensure!(genesis <= T::Time::now(), "genesis moment lies in the future");
			}
			Ok(())
		}
	}
}

impl<T: Config> OnTimestampSet<Moment> for Pallet<T> {
	fn on_timestamp_set(now: Moment) {
		// Every block carries the timestamp inherent, so block 1 always reaches this.
		if frame_system::Pallet::<T>::block_number().is_one() {
			GenesisMoment::<T>::put(now);
		}
	}
}

impl<T: Config> WallClock for Pallet<T> {
	fn elapsed_ms() -> Moment {
		GenesisMoment::<T>::get().map_or(0, |genesis| T::Time::now().saturating_sub(genesis))
	}
}
