//! Runtime API of the manufacturer registry.

use codec::Codec;
use itc_primitives::device::ManufacturerId;

sp_api::decl_runtime_apis! {
	/// Reads manufacturers. `Info` is the pallet's [`crate::ManufacturerInfo`] of the runtime.
	pub trait ManufacturersApi<AccountId, Info>
	where
		AccountId: Codec,
		Info: Codec,
	{
		/// The manufacturer with this id.
		fn manufacturer(id: ManufacturerId) -> Option<Info>;
		/// The id of the manufacturer `account` runs, unless it is retired.
		fn manufacturer_of(account: AccountId) -> Option<ManufacturerId>;
	}
}
