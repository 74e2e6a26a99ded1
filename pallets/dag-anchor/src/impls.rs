//! What the pallet offers other pallets: anchored data records as edge-mining evidence.

use crate::*;
use itc_primitives::{
	device::DeviceCode,
	mining::{EraIndex, WorkEvidence},
};

impl<T: Config> WorkEvidence for Pallet<T> {
	fn anchored_records(code: &DeviceCode, era: EraIndex) -> u64 {
		RecordsOf::<T>::get(code).map_or(0, |records| records.of(era))
	}
}
