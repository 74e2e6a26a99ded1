//! # Manufacturer registry pallet
//!
//! Who may put devices on the chain.
//!
//! ## Overview
//!
//! A device maker applies with its name, country and a website or document CID, and a
//! deposit leaves its account for the registry's pot. Governance (sudo on development chains,
//! the council multisig on the public testnet) approves the application with a device quota,
//! can raise or lower the quota, freeze and release the manufacturer, slash its deposit, and
//! retire it for good.
//!
//! Only an approved manufacturer registers devices (through the device pallet, which asks this
//! one via [`ManufacturerRegistry`]). The devices of a frozen or retired manufacturer earn no
//! mining rewards and list no data: the device pallet's `DeviceRegistry::is_active` asks
//! [`ManufacturerRegistry::is_approved`].
//!
//! ## Terminology
//!
//! - *Quota*: the number of devices a manufacturer may register in total. Registered devices
//!   stay on chain forever (their codes are never reused), so the quota is what bounds the
//!   storage a manufacturer can use; governance sets it knowing that.
//! - *Deposit*: at first [`Config::ApplicationDeposit`]. It leaves the applicant's account
//!   for the registry's keyless pot ([`Pallet::pot`], from [`Config::PalletId`]), held there
//!   under [`HoldReason::ManufacturerDeposit`], and comes back on withdrawal or retirement.
//!   It is the manufacturer's *stake* for its devices: the manufacturer can raise it
//!   ([`Pallet::bond_more`]), governance can slash it ([`Pallet::slash`]) to
//!   [`Config::SlashDestination`], and edge mining bounds what a manufacturer's devices can
//!   claim by the stake per device ([`ManufacturerStake`]).
//!
//! ## Calls
//!
//! Permissionless (signed):
//! - [`Pallet::apply`]: apply as a manufacturer.
//! - [`Pallet::withdraw`]: withdraw a pending application and get the deposit back.
//! - [`Pallet::bond_more`]: add to the deposit.
//!
//! Governance (`GovernanceOrigin`):
//! - [`Pallet::approve`], [`Pallet::freeze`], [`Pallet::release`], [`Pallet::retire`],
//!   [`Pallet::set_quota`], [`Pallet::slash`].

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

mod features;
mod impls;
pub mod migrations;
pub mod runtime_api;
mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

/// Target of this pallet's log lines.
pub const LOG_TARGET: &str = "runtime::manufacturers";

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::fungible::{Mutate, MutateHold},
	};
	use frame_system::pallet_prelude::*;
	pub use itc_primitives::device::{
		ManufacturerId, ManufacturerRegistry, ManufacturerStake, ManufacturerStatus,
	};

	/// The in-code storage version.
	/// Version 2 holds the deposits on the pot ([`crate::migrations::v2`]).
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit of a manufacturer application.
		#[codec(index = 0)]
		ManufacturerDeposit,
	}

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The currency deposits are held in.
		type Currency: Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// Origin that approves, freezes, releases and retires manufacturers, sets quotas and
		/// slashes deposits.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Derives the pot: the keyless account that holds every deposit.
		#[pallet::constant]
		type PalletId: Get<frame_support::PalletId>;

		/// Where slashed deposits go (the community fund), and a returned deposit its
		/// manufacturer's account cannot receive.
		type SlashDestination: Get<Self::AccountId>;

		/// The deposit an applicant commits to the pot, back when it withdraws or is retired.
		#[pallet::constant]
		type ApplicationDeposit: Get<BalanceOf<Self>>;

		/// The longest display name, in bytes.
		#[pallet::constant]
		type MaxNameLength: Get<u32>;

		/// The longest website URL or document CID, in bytes.
		#[pallet::constant]
		type MaxUriLength: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// Every manufacturer that applied and did not withdraw, by id.
	///
	/// Twox64Concat: ids are sequential, chosen by the chain, not by users.
	#[pallet::storage]
	pub type ManufacturerInfoOf<T: Config> =
		StorageMap<_, Twox64Concat, ManufacturerId, ManufacturerInfo<T>, OptionQuery>;

	/// The manufacturer each account runs, unless retired: one per account.
	///
	/// Blake2 because the key is an account anybody can choose.
	#[pallet::storage]
	pub type ManufacturerIdOf<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, ManufacturerId, OptionQuery>;

	/// The id the next application gets. Ids are never reused.
	#[pallet::storage]
	pub type NextManufacturerId<T: Config> = StorageValue<_, ManufacturerId, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An account applied to be a manufacturer.
		Applied {
			/// The new manufacturer's id.
			id: ManufacturerId,
			/// The applicant.
			account: T::AccountId,
			/// The deposit held.
			deposit: BalanceOf<T>,
		},
		/// A pending application was withdrawn and its deposit returned.
		Withdrawn {
			/// The manufacturer.
			id: ManufacturerId,
		},
		/// Governance approved a manufacturer.
		Approved {
			/// The manufacturer.
			id: ManufacturerId,
			/// Its device quota.
			quota: u32,
		},
		/// Governance froze a manufacturer.
		Frozen {
			/// The manufacturer.
			id: ManufacturerId,
		},
		/// Governance released a frozen manufacturer.
		Released {
			/// The manufacturer.
			id: ManufacturerId,
		},
		/// Governance retired a manufacturer; its deposit was returned.
		Retired {
			/// The manufacturer.
			id: ManufacturerId,
		},
		/// Governance changed a manufacturer's device quota.
		QuotaSet {
			/// The manufacturer.
			id: ManufacturerId,
			/// The new quota.
			quota: u32,
		},
		/// A manufacturer added to its deposit.
		DepositIncreased {
			/// The manufacturer.
			id: ManufacturerId,
			/// What it added.
			amount: BalanceOf<T>,
			/// Its deposit now.
			deposit: BalanceOf<T>,
		},
		/// Governance slashed a manufacturer's deposit to the slash destination.
		Slashed {
			/// The manufacturer.
			id: ManufacturerId,
			/// What was slashed.
			amount: BalanceOf<T>,
			/// Its deposit now.
			deposit: BalanceOf<T>,
		},
		/// A manufacturer registered devices against its quota.
		QuotaUsed {
			/// The manufacturer.
			id: ManufacturerId,
			/// How many devices it registered.
			count: u32,
			/// How many it has registered in total.
			registered: u32,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account already runs a manufacturer that is not retired. Use another account.
		AlreadyManufacturer,
		/// The name is empty. Give the manufacturer's name.
		EmptyName,
		/// The country is not two upper-case letters. Use the ISO 3166-1 alpha-2 code.
		BadCountryCode,
		/// The account cannot cover the deposit. Fund it with `ApplicationDeposit` more.
		InsufficientBalance,
		/// No manufacturer has this id. Check the id.
		UnknownManufacturer,
		/// The caller runs no manufacturer. Apply first, or sign with the applicant account.
		NotManufacturer,
		/// The manufacturer is not pending. Only a pending application can be approved or
		/// withdrawn.
		NotPending,
		/// The manufacturer is not approved. Only an approved manufacturer can be frozen or
		/// register devices.
		NotApproved,
		/// The manufacturer is not frozen. Only a frozen manufacturer can be released.
		NotFrozen,
		/// The manufacturer is already retired. Retirement is final.
		AlreadyRetired,
		/// The quota is below the devices already registered. Give at least that many.
		QuotaBelowRegistered,
		/// The registration would exceed the manufacturer's quota. Ask governance to raise it.
		QuotaExceeded,
		/// Ran out of manufacturer ids.
		Overflow,
		/// The amount is zero. Give an amount.
		ZeroAmount,
		/// The manufacturer's deposit is empty: there is nothing to slash.
		NothingToSlash,
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
		/// Apply to be a manufacturer. Holds [`Config::ApplicationDeposit`] from the caller.
		///
		/// - Origin: signed, the account that will register devices.
		/// - `name`: display name, not empty.
		/// - `country`: ISO 3166-1 alpha-2 code in upper case, e.g. `b"DE"`.
		/// - `uri`: website URL or IPFS CID of the company documents governance should read.
		///
		/// Errors: [`Error::AlreadyManufacturer`], [`Error::EmptyName`],
		/// [`Error::BadCountryCode`], [`Error::InsufficientBalance`], [`Error::Overflow`].
		/// Events: [`Event::Applied`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::apply())]
		pub fn apply(
			origin: OriginFor<T>,
			name: NameOf<T>,
			country: [u8; 2],
			uri: UriOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_apply(who, name, country, uri)
		}

		/// Withdraw the caller's pending application and get the deposit back.
		///
		/// - Origin: signed, the applicant.
		///
		/// Errors: [`Error::NotManufacturer`], [`Error::NotPending`].
		/// Events: [`Event::Withdrawn`].
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::withdraw())]
		pub fn withdraw(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let id = ManufacturerIdOf::<T>::get(&who).ok_or(Error::<T>::NotManufacturer)?;
			Self::do_withdraw(id)
		}

		/// Approve a pending manufacturer with a device quota.
		///
		/// - Origin: `GovernanceOrigin`.
		/// - `id`: the manufacturer.
		/// - `quota`: how many devices it may register in total.
		///
		/// Errors: [`Error::UnknownManufacturer`], [`Error::NotPending`].
		/// Events: [`Event::Approved`].
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::approve())]
		pub fn approve(origin: OriginFor<T>, id: ManufacturerId, quota: u32) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_approve(id, quota)
		}

		/// Freeze an approved manufacturer: it registers nothing, and its devices earn nothing
		/// and list nothing, until released.
		///
		/// - Origin: `GovernanceOrigin`.
		/// - `id`: the manufacturer.
		///
		/// Errors: [`Error::UnknownManufacturer`], [`Error::NotApproved`].
		/// Events: [`Event::Frozen`].
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::freeze())]
		pub fn freeze(origin: OriginFor<T>, id: ManufacturerId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_freeze(id)
		}

		/// Release a frozen manufacturer: it is approved again.
		///
		/// - Origin: `GovernanceOrigin`.
		/// - `id`: the manufacturer.
		///
		/// Errors: [`Error::UnknownManufacturer`], [`Error::NotFrozen`].
		/// Events: [`Event::Released`].
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::release())]
		pub fn release(origin: OriginFor<T>, id: ManufacturerId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_release(id)
		}

		/// Retire a manufacturer for good and return its deposit. Its devices stay on chain
		/// but earn nothing and list nothing; its account may apply again under a new id.
		///
		/// - Origin: `GovernanceOrigin`.
		/// - `id`: the manufacturer.
		///
		/// Errors: [`Error::UnknownManufacturer`], [`Error::AlreadyRetired`].
		/// Events: [`Event::Retired`].
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::retire())]
		pub fn retire(origin: OriginFor<T>, id: ManufacturerId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_retire(id)
		}

		/// Set a manufacturer's device quota.
		///
		/// - Origin: `GovernanceOrigin`.
		/// - `id`: the manufacturer, not retired.
		/// - `quota`: the new total, at least the devices already registered.
		///
		/// Errors: [`Error::UnknownManufacturer`], [`Error::AlreadyRetired`],
		/// [`Error::QuotaBelowRegistered`].
		/// Events: [`Event::QuotaSet`].
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::set_quota())]
		pub fn set_quota(origin: OriginFor<T>, id: ManufacturerId, quota: u32) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_quota(id, quota)
		}

		/// Add to the caller's deposit, raising the stake behind each of its devices. The
		/// amount leaves the caller's account for the pot, within what its freezes allow.
		///
		/// - Origin: signed, the account running a manufacturer that is not retired.
		/// - `amount`: not zero.
		///
		/// Errors: [`Error::ZeroAmount`], [`Error::NotManufacturer`],
		/// [`Error::InsufficientBalance`].
		/// Events: [`Event::DepositIncreased`].
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::bond_more())]
		pub fn bond_more(origin: OriginFor<T>, amount: BalanceOf<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_bond_more(&who, amount)
		}

		/// Slash up to `amount` of a manufacturer's deposit to the slash destination: the
		/// answer to claims its devices made that were not true. The deposit is on the pot, so
		/// no freeze of the manufacturer stands in the way. Status is unchanged (freeze or
		/// retire it separately).
		///
		/// - Origin: `GovernanceOrigin`.
		/// - `id`: the manufacturer, not retired.
		/// - `amount`: not zero; more than the deposit slashes the whole deposit.
		///
		/// Errors: [`Error::ZeroAmount`], [`Error::UnknownManufacturer`],
		/// [`Error::AlreadyRetired`], [`Error::NothingToSlash`].
		/// Events: [`Event::Slashed`].
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::slash())]
		pub fn slash(
			origin: OriginFor<T>,
			id: ManufacturerId,
			amount: BalanceOf<T>,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_slash(id, amount)
		}
	}
}
