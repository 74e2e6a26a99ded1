//! What edge mining reads: the market fees of each device's settled sales.
//!
//! A sale's fee is paid to the community fund whoever the buyer is, so fees are evidence of
//! demand for a device's data that costs whoever fakes it the fee itself. Every settlement
//! counts (confirmed, elapsed, won by the seller in a dispute, answering a bounty); a refund
//! or a dispute the buyer wins counts nothing.

use crate::*;
use frame_support::traits::Get;
use itc_primitives::{
	device::DeviceCode,
	mining::{EraIndex, MarketEvidence},
};

impl<T: Config> Pallet<T> {
	/// Counts `fee`, just paid for a sale of `listing`, for its device in the current era.
	pub(crate) fn note_fee(listing: ListingId, fee: BalanceOf<T>) {
		if let Some(listing) = Listings::<T>::get(listing) {
			FeesOf::<T>::mutate(listing.device, |tally| tally.add(T::CurrentEra::get(), fee));
		}
	}
}

impl<T: Config> MarketEvidence<BalanceOf<T>> for Pallet<T> {
	fn settled_fees(code: &DeviceCode, era: EraIndex) -> BalanceOf<T> {
		FeesOf::<T>::get(code).of(era)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_set_fees(code: &DeviceCode, era: EraIndex, fees: BalanceOf<T>) {
		FeesOf::<T>::mutate(code, |tally| tally.add(era, fees));
	}
}
