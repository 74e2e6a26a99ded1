//! # Extension probe
//!
//! One message per function of IoT Chain's chain extension, answering exactly what the
//! runtime answered. The end-to-end tests read the runtime's devices, manufacturers and
//! listings through it; for dApp developers it is the shortest example of each call.

#![cfg_attr(not(feature = "std"), no_std, no_main)]

#[ink::contract(env = itc_env::ItcEnvironment)]
mod extension_probe {
	use ink::prelude::vec::Vec;
	use itc_env::{
		DeviceCode, DeviceSignature, DeviceStatus, ExtensionError, ListingId, ListingInfo,
		ManufacturerId,
	};

	/// No state.
	#[ink(storage)]
	#[derive(Default)]
	pub struct ExtensionProbe {}

	impl ExtensionProbe {
		/// The probe.
		#[ink(constructor)]
		pub fn new() -> Self {
			Self::default()
		}

		/// Function 1.
		#[ink(message)]
		pub fn device_status(&self, code: DeviceCode) -> Option<DeviceStatus> {
			self.env().extension().device_status(code)
		}

		/// Function 2.
		#[ink(message)]
		pub fn device_owner(&self, code: DeviceCode) -> Option<AccountId> {
			self.env().extension().device_owner(code)
		}

		/// Function 3.
		#[ink(message)]
		pub fn device_manufacturer(&self, code: DeviceCode) -> Option<ManufacturerId> {
			self.env().extension().device_manufacturer(code)
		}

		/// Function 4.
		#[ink(message)]
		pub fn device_active(&self, code: DeviceCode) -> bool {
			self.env().extension().device_active(code)
		}

		/// Function 5.
		#[ink(message)]
		pub fn manufacturer_active(&self, id: ManufacturerId) -> bool {
			self.env().extension().manufacturer_active(id)
		}

		/// Function 6.
		#[ink(message)]
		pub fn listing(&self, id: ListingId) -> Option<ListingInfo> {
			self.env().extension().listing(id)
		}

		/// Function 7.
		#[ink(message)]
		pub fn verify_device_signature(
			&self,
			code: DeviceCode,
			message: Vec<u8>,
			signature: DeviceSignature,
		) -> Result<bool, ExtensionError> {
			self.env().extension().verify_device_signature(code, message, signature)
		}
	}

	#[cfg(test)]
	mod tests {
		use super::*;
		use ink::env::test;
		use itc_env::{testing::MockChain, ItcEnvironment, ListingInfo, Role};

		#[ink::test]
		fn each_message_answers_what_the_extension_says() {
			let alice = test::default_accounts::<ItcEnvironment>().alice;
			MockChain::register();
			let code = DeviceCode([4; 15]);
			MockChain::add_device(code, alice, 9);
			let probe = ExtensionProbe::new();
			assert_eq!(probe.device_status(code), Some(DeviceStatus::Active));
			assert_eq!(probe.device_owner(code), Some(alice));
			assert_eq!(probe.device_manufacturer(code), Some(9));
			assert!(probe.device_active(code));
			assert!(probe.manufacturer_active(9));
			assert!(!probe.manufacturer_active(10));
			let listing = ListingInfo {
				seller: alice,
				device: code,
				price: 3,
				expires_at: 100,
				max_sales: 2,
				sold: 0,
				open: true,
			};
			MockChain::set_listing(1, listing.clone());
			assert_eq!(probe.listing(1), Some(listing));
			assert_eq!(probe.listing(2), None);
			let signature = MockChain::sign(code, b"hello");
			assert_eq!(probe.verify_device_signature(code, b"hello".to_vec(), signature), Ok(true));
			assert_eq!(
				probe.verify_device_signature(code, b"hellO".to_vec(), signature),
				Ok(false)
			);
			assert_eq!(
				probe.verify_device_signature(code, [0; 1025].to_vec(), signature),
				Err(ExtensionError::MessageTooLong)
			);
			MockChain::set_status(code, DeviceStatus::Suspended { by: Role::Owner });
			assert_eq!(
				probe.device_status(code),
				Some(DeviceStatus::Suspended { by: Role::Owner })
			);
			assert!(!probe.device_active(code));
			let unknown = DeviceCode([5; 15]);
			assert_eq!((probe.device_status(unknown), probe.device_owner(unknown)), (None, None));
		}
	}
}
