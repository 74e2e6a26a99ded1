//! # Device identity pallet
//!
//! "One device, one coin, one code."
//!
//! ## Overview
//!
//! An approved manufacturer registers devices, one or a batch per call, each with a model, a
//! serial number and the public key the device holds (ed25519, as secure elements have, or
//! sr25519). From these the chain derives:
//!
//! - the device's *coin*: its own account, the 32 bytes of its key, able to hold ITC, receive
//!   rewards and sign its own transactions;
//! - the device's *code*: a unique identification code
//!   ([`DeviceCode::derive`](itc_primitives::device::DeviceCode::derive)) with a printable
//!   form and check symbol. A code, and a key, are never used again, even after the device is
//!   decommissioned.
//!
//! A registered device belongs to nobody until someone *claims* it with a proof signed by the
//! device key over the genesis hash, the device code, the claimant's account and the device's
//! nonce ([`itc_primitives::device::claim_payload`]): whoever has the device can claim it, and
//! nobody else, and no proof works twice or on another chain.
//!
//! Lifecycle: `Registered → Active → Suspended ⇄ Active → Decommissioned`. Every change
//! records who made it ([`Role`] and account), why ([`ChangeReason`]) and when, and emits an
//! event. A suspension can be lifted only by the role that imposed it or a higher one
//! (owner < manufacturer < governance).
//!
//! Devices report their firmware version with a device-signed message; manufacturers publish
//! the approved versions of each model.
//!
//! Other pallets ask about devices through [`DeviceRegistry`].
//!
//! ## Calls
//!
//! Manufacturer (signed by the account of an approved manufacturer):
//! - [`Pallet::register`], [`Pallet::set_approved_firmware`].
//!
//! Owner (signed):
//! - [`Pallet::claim`], [`Pallet::transfer`].
//!
//! Owner, manufacturer or governance:
//! - [`Pallet::suspend`], [`Pallet::reinstate`], [`Pallet::decommission`].
//!
//! Anyone (signed) relaying a device-signed message:
//! - [`Pallet::report_firmware`].

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

mod features;
mod impls;
pub mod runtime_api;
mod types;
pub mod views;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;
	pub use itc_primitives::device::{
		ChangeReason, DeviceCode, DeviceKey, DeviceRegistry, DeviceSignature, DeviceStatus,
		ManufacturerId, ManufacturerRegistry, Role,
	};
	use sp_runtime::{traits::StaticLookup, AccountId32};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	/// Account lookup type of the runtime.
	pub type AccountIdLookupOf<T> = <<T as frame_system::Config>::Lookup as StaticLookup>::Source;

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<AccountId: From<AccountId32>> {
		/// The manufacturer registry: who may register, and quotas.
		type Manufacturers: ManufacturerRegistry<Self::AccountId>;

		/// Origin that may suspend, reinstate and decommission any device.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The most devices one [`Pallet::register`] call takes.
		#[pallet::constant]
		type MaxBatch: Get<u32>;

		/// The longest model name, in bytes.
		#[pallet::constant]
		type MaxModelLength: Get<u32>;

		/// The longest serial number, in bytes.
		#[pallet::constant]
		type MaxSerialLength: Get<u32>;

		/// The longest firmware version, in bytes.
		#[pallet::constant]
		type MaxFirmwareLength: Get<u32>;

		/// The most approved firmware versions per model.
		#[pallet::constant]
		type MaxApprovedFirmware: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	// Device codes are keyed with `Identity`: they are already BLAKE2 outputs, so hashing them
	// again would not make a ground (chosen-prefix) code any more expensive to produce.

	/// Every device ever registered, by code. Records are never removed.
	#[pallet::storage]
	pub type DeviceInfoOf<T: Config> =
		StorageMap<_, Identity, DeviceCode, DeviceInfo<T>, OptionQuery>;

	/// The code of the device behind each device account (key). Never removed: a key serves
	/// one device, ever.
	#[pallet::storage]
	pub type CodeOfAccount<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, DeviceCode, OptionQuery>;

	/// The devices of each owner (including decommissioned ones), for paginated listing.
	#[pallet::storage]
	pub type DevicesOfOwner<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Identity, DeviceCode, (), OptionQuery>;

	/// The devices of each manufacturer, for paginated listing.
	#[pallet::storage]
	pub type DevicesOfManufacturer<T: Config> =
		StorageDoubleMap<_, Twox64Concat, ManufacturerId, Identity, DeviceCode, (), OptionQuery>;

	/// The firmware versions a manufacturer approves for each of its models.
	#[pallet::storage]
	pub type ApprovedFirmwareOf<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		ManufacturerId,
		Blake2_128Concat,
		ModelOf<T>,
		FirmwareListOf<T>,
		OptionQuery,
	>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A manufacturer registered a device.
		DeviceRegistered {
			/// The device code.
			code: DeviceCode,
			/// The manufacturer.
			manufacturer: ManufacturerId,
			/// The device's own account.
			account: T::AccountId,
		},
		/// An owner claimed a device with a device-signed proof; it is active.
		DeviceClaimed {
			/// The device code.
			code: DeviceCode,
			/// The new owner.
			owner: T::AccountId,
		},
		/// An owner handed a device over.
		DeviceTransferred {
			/// The device code.
			code: DeviceCode,
			/// The previous owner.
			from: T::AccountId,
			/// The new owner.
			to: T::AccountId,
		},
		/// A device was suspended.
		DeviceSuspended {
			/// The device code.
			code: DeviceCode,
			/// Who suspended it.
			by: Role,
			/// The account behind the role; `None` for governance.
			who: Option<T::AccountId>,
			/// Why.
			reason: ChangeReason,
		},
		/// A suspended device is active again.
		DeviceReinstated {
			/// The device code.
			code: DeviceCode,
			/// Who reinstated it.
			by: Role,
			/// The account behind the role; `None` for governance.
			who: Option<T::AccountId>,
			/// Why.
			reason: ChangeReason,
		},
		/// A device was taken out of service for good.
		DeviceDecommissioned {
			/// The device code.
			code: DeviceCode,
			/// Who decommissioned it.
			by: Role,
			/// The account behind the role; `None` for governance.
			who: Option<T::AccountId>,
			/// Why.
			reason: ChangeReason,
		},
		/// A device reported its firmware version.
		FirmwareReported {
			/// The device code.
			code: DeviceCode,
			/// The version.
			version: FirmwareOf<T>,
			/// Whether the manufacturer approves this version for the device's model.
			approved: bool,
		},
		/// A manufacturer set the approved firmware versions of a model.
		ApprovedFirmwareSet {
			/// The manufacturer.
			manufacturer: ManufacturerId,
			/// The model.
			model: ModelOf<T>,
			/// How many versions are approved now.
			versions: u32,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The caller runs no manufacturer. Sign with the manufacturer's account.
		NotManufacturer,
		/// The manufacturer is not approved (pending, frozen or retired). Ask governance.
		ManufacturerNotApproved,
		/// The batch is empty. Give at least one device.
		EmptyBatch,
		/// The batch holds more than `MaxBatch` devices. Split it.
		TooManyDevices,
		/// A model name is empty or longer than `MaxModelLength`.
		BadModel,
		/// A serial number is empty or longer than `MaxSerialLength`.
		BadSerial,
		/// A device with this code exists (or existed): codes are never reused. Check the
		/// model, serial and key; a batch must not repeat a device.
		CodeTaken,
		/// Another device already has this key: a key is one device, ever. Give the device a
		/// fresh key.
		KeyTaken,
		/// No device has this code. Check the code (see `device_by_human_code`).
		DeviceNotFound,
		/// The device is already claimed. Ask its owner to transfer it.
		AlreadyClaimed,
		/// The device key did not sign this message. Sign the documented payload with the
		/// device's current nonce and this chain's genesis hash.
		BadSignature,
		/// The caller does not own the device.
		NotOwner,
		/// The new owner is the current owner.
		SameOwner,
		/// The caller is not the owner, the manufacturer or governance.
		NotAuthorized,
		/// The device is not active. Only an active device can be suspended.
		NotActive,
		/// The device is not suspended.
		NotSuspended,
		/// The suspension was imposed by a higher authority; only it (or one above) can lift
		/// it.
		SuspendedByHigherAuthority,
		/// The device is decommissioned; that is final.
		Decommissioned,
		/// A firmware version is empty or longer than `MaxFirmwareLength`.
		BadFirmwareVersion,
		/// More than `MaxApprovedFirmware` versions for one model.
		TooManyFirmwareVersions,
		/// The device's nonce is exhausted; it can sign no more proofs.
		NonceExhausted,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Register devices: one, or a batch of up to `MaxBatch`. Each counts against the
		/// manufacturer's quota. All or nothing: one bad device fails the whole call.
		///
		/// - Origin: signed, the account of an approved manufacturer.
		/// - `devices`: model, serial and public key of each device.
		///
		/// Errors: [`Error::NotManufacturer`], [`Error::ManufacturerNotApproved`],
		/// [`Error::EmptyBatch`], [`Error::TooManyDevices`], [`Error::BadModel`],
		/// [`Error::BadSerial`], [`Error::CodeTaken`], [`Error::KeyTaken`], and the registry's
		/// `QuotaExceeded`.
		/// Events: [`Event::DeviceRegistered`] per device.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register(devices.len().min(u32::MAX as usize) as u32))]
		pub fn register(
			origin: OriginFor<T>,
			devices: Vec<DeviceSpec>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::do_register(&who, devices)
		}

		/// Claim a registered device, making the caller its owner and the device active.
		///
		/// - Origin: signed, the new owner.
		/// - `code`: the device code.
		/// - `proof`: the device key's signature of
		///   [`claim_payload`](itc_primitives::device::claim_payload)`(genesis hash, code,
		///   caller, device nonce)`.
		///
		/// Errors: [`Error::DeviceNotFound`], [`Error::AlreadyClaimed`],
		/// [`Error::Decommissioned`], [`Error::BadSignature`], [`Error::NonceExhausted`].
		/// Events: [`Event::DeviceClaimed`].
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::claim())]
		pub fn claim(
			origin: OriginFor<T>,
			code: DeviceCode,
			proof: DeviceSignature,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_claim(code, who, proof)
		}

		/// Hand a device over to `to`.
		///
		/// - Origin: signed, the owner.
		/// - `code`: the device code.
		/// - `to`: the new owner.
		///
		/// Errors: [`Error::DeviceNotFound`], [`Error::NotOwner`], [`Error::SameOwner`],
		/// [`Error::Decommissioned`].
		/// Events: [`Event::DeviceTransferred`].
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::transfer())]
		pub fn transfer(
			origin: OriginFor<T>,
			code: DeviceCode,
			to: AccountIdLookupOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let to = T::Lookup::lookup(to)?;
			Self::do_transfer(code, who, to)
		}

		/// Suspend an active device: it earns nothing and lists nothing until reinstated.
		///
		/// - Origin: the owner, the manufacturer's account, or `GovernanceOrigin`.
		/// - `code`: the device code.
		/// - `reason`: why.
		///
		/// Errors: [`Error::DeviceNotFound`], [`Error::NotAuthorized`], [`Error::NotActive`].
		/// Events: [`Event::DeviceSuspended`].
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::suspend())]
		pub fn suspend(
			origin: OriginFor<T>,
			code: DeviceCode,
			reason: ChangeReason,
		) -> DispatchResult {
			Self::do_suspend(origin, code, reason)
		}

		/// Reinstate a suspended device.
		///
		/// - Origin: the owner, the manufacturer's account, or `GovernanceOrigin`, at least as
		///   high as the role that suspended it.
		/// - `code`: the device code.
		/// - `reason`: why.
		///
		/// Errors: [`Error::DeviceNotFound`], [`Error::NotAuthorized`], [`Error::NotSuspended`],
		/// [`Error::SuspendedByHigherAuthority`].
		/// Events: [`Event::DeviceReinstated`].
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::reinstate())]
		pub fn reinstate(
			origin: OriginFor<T>,
			code: DeviceCode,
			reason: ChangeReason,
		) -> DispatchResult {
			Self::do_reinstate(origin, code, reason)
		}

		/// Take a device out of service for good. Its code and key are never used again.
		///
		/// - Origin: the owner, the manufacturer's account, or `GovernanceOrigin`.
		/// - `code`: the device code.
		/// - `reason`: why.
		///
		/// Errors: [`Error::DeviceNotFound`], [`Error::NotAuthorized`],
		/// [`Error::Decommissioned`].
		/// Events: [`Event::DeviceDecommissioned`].
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::decommission())]
		pub fn decommission(
			origin: OriginFor<T>,
			code: DeviceCode,
			reason: ChangeReason,
		) -> DispatchResult {
			Self::do_decommission(origin, code, reason)
		}

		/// Record the firmware version a device reports, with the device's signature. Anyone
		/// may relay the report (the device itself, its owner, a gateway).
		///
		/// - Origin: signed, anyone.
		/// - `code`: the device code.
		/// - `version`: the firmware version, at most `MaxFirmwareLength` bytes.
		/// - `proof`: the device key's signature of
		///   [`firmware_payload`](itc_primitives::device::firmware_payload)`(genesis hash, code,
		///   version, device nonce)`.
		///
		/// Errors: [`Error::DeviceNotFound`], [`Error::Decommissioned`],
		/// [`Error::BadFirmwareVersion`], [`Error::BadSignature`], [`Error::NonceExhausted`].
		/// Events: [`Event::FirmwareReported`].
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::report_firmware())]
		pub fn report_firmware(
			origin: OriginFor<T>,
			code: DeviceCode,
			version: Vec<u8>,
			proof: DeviceSignature,
		) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_report_firmware(code, version, proof)
		}

		/// Publish the approved firmware versions of one of the caller's models, replacing
		/// the previous list; an empty list removes it.
		///
		/// - Origin: signed, the account of an approved manufacturer.
		/// - `model`: the model name.
		/// - `versions`: at most `MaxApprovedFirmware` versions.
		///
		/// Errors: [`Error::NotManufacturer`], [`Error::ManufacturerNotApproved`],
		/// [`Error::BadModel`], [`Error::BadFirmwareVersion`],
		/// [`Error::TooManyFirmwareVersions`].
		/// Events: [`Event::ApprovedFirmwareSet`].
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::set_approved_firmware(
			versions.len().min(u32::MAX as usize) as u32
		))]
		pub fn set_approved_firmware(
			origin: OriginFor<T>,
			model: Vec<u8>,
			versions: Vec<Vec<u8>>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_approved_firmware(&who, model, versions)
		}
	}
}
