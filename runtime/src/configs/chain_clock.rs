//! `pallet_chain_clock`: wall-clock time since genesis for calendar schedules.

use crate::{Runtime, Timestamp};

impl pallet_chain_clock::Config for Runtime {
	type Time = Timestamp;
}
