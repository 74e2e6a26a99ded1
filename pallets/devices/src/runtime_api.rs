//! Runtime API of the device pallet.

use crate::MessageToSign;
use alloc::vec::Vec;
use codec::Codec;
use itc_primitives::device::{DeviceCode, ManufacturerId};

sp_api::decl_runtime_apis! {
	/// Reads devices. `View` is the pallet's [`crate::DeviceView`] of the runtime. Pages hold
	/// at most [`crate::views::MAX_PAGE`] devices, in code order; pass the last code of a page
	/// as `after` to get the next one.
	///
	/// Byte strings come back inside structs ([`MessageToSign`]), not as a bare
	/// `Option<Vec<u8>>`, which @polkadot/api 16 decodes wrongly from a runtime call.
	pub trait DevicesApi<AccountId, View>
	where
		AccountId: Codec,
		View: Codec,
	{
		/// The device with this code.
		fn device(code: DeviceCode) -> Option<View>;
		/// The device with this printable code (`ITC-XXXXX-...`); `None` if it is malformed,
		/// fails its check symbol, or no device has it.
		fn device_by_human_code(human: Vec<u8>) -> Option<View>;
		/// A page of the devices of `owner`.
		fn devices_of_owner(owner: AccountId, after: Option<DeviceCode>, limit: u32) -> Vec<View>;
		/// A page of the devices of `manufacturer`.
		fn devices_of_manufacturer(
			manufacturer: ManufacturerId,
			after: Option<DeviceCode>,
			limit: u32,
		) -> Vec<View>;
		/// The bytes the device key must sign for `owner` to claim it now.
		fn claim_message(code: DeviceCode, owner: AccountId) -> Option<MessageToSign>;
		/// The bytes the device key must sign to report firmware `version` now.
		fn firmware_message(code: DeviceCode, version: Vec<u8>) -> Option<MessageToSign>;
	}
}
