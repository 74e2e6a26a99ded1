//! Class weights: governance's say in what a kind of device is worth.

use crate::*;
use frame_support::{ensure, traits::Get};
use itc_primitives::device::{DeviceClass, DeviceCode, DeviceRegistry};
use sp_runtime::DispatchResult;

impl<T: Config> Pallet<T> {
	pub(crate) fn do_set_class_weight(class: DeviceClass, weight: Option<u16>) -> DispatchResult {
		ensure!(weight.unwrap_or(0) <= T::MaxClassWeight::get(), Error::<T>::WeightTooHigh);
		ClassWeights::<T>::set(class, weight);
		Self::deposit_event(Event::ClassWeightSet { class, weight });
		Ok(())
	}

	/// The weight of `device`'s class, in percent; `None` if there is no such device.
	pub fn class_weight(device: &DeviceCode) -> Option<u16> {
		let class = T::Devices::class(device)?;
		Some(ClassWeights::<T>::get(class).unwrap_or(scoring::BASELINE_WEIGHT))
	}
}
