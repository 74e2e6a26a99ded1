//! `pallet_timestamp`: the time inherent, which drives Aura's slots and the chain clock.

use crate::{Aura, ChainClock, Moment, Runtime, SLOT_DURATION};
use frame_support::traits::ConstU64;

impl pallet_timestamp::Config for Runtime {
	type Moment = Moment;
	type OnTimestampSet = (Aura, ChainClock);
	type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;
	type WeightInfo = ();
}
