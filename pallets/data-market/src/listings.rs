//! What other pallets and contracts (through the chain extension) read about listings.

use crate::*;
use frame_system::pallet_prelude::BlockNumberFor;
use itc_primitives::market::{DataListings, ListingInfo};

impl<T: Config> DataListings<T::AccountId, BalanceOf<T>, BlockNumberFor<T>> for Pallet<T> {
	fn listing(
		id: ListingId,
	) -> Option<ListingInfo<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>> {
		let listing = Listings::<T>::get(id)?;
		Some(ListingInfo {
			open: listing.status == ListingStatus::Open && Self::now() <= listing.expires_at,
			seller: listing.seller,
			device: listing.device,
			price: listing.price,
			expires_at: listing.expires_at,
			max_sales: listing.max_sales,
			sold: listing.sold,
		})
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_listing(
		seller: &T::AccountId,
		device: itc_primitives::device::DeviceCode,
	) -> ListingId {
		use frame_support::{
			traits::{
				fungible::{Inspect, Mutate},
				Get,
			},
			BoundedVec,
		};
		use sp_runtime::traits::Saturating;

		let bond = T::MinSellerBond::get();
		let funds =
			bond.saturating_mul(10u32.into()).saturating_add(T::Currency::minimum_balance());
		T::Currency::set_balance(seller, funds);
		let cid: CidOf<T> =
			BoundedVec::truncate_from(alloc::vec![b'b'; T::MaxCidLength::get() as usize]);
		let id = NextListingId::<T>::get();
		Self::list(
			frame_system::RawOrigin::Signed(seller.clone()).into(),
			device,
			cid.clone(),
			[7; 32],
			PackageRoot { root: [7; 32], chunks: 1 },
			bond,
			cid,
			Self::now().saturating_add(T::MaxListingLifetime::get()),
			u32::MAX,
			bond,
		)
		.expect("an active device's owner with funds can list");
		id
	}
}
