//! # DAG micro-accounts pallet
//!
//! What a device may spend in the DAG: ITC locked on chain for it.
//!
//! ## Overview
//!
//! DAG micro-transfers (`itc-dag`) move value between device accounts off chain, in
//! milliseconds; the chain settles them when their batch is anchored. To make a DAG transfer
//! safe to accept before that, the sender's funds must be locked on chain where the sender
//! cannot move them: this pallet holds them on the device's own account under
//! [`HoldReason::DagSpending`].
//!
//! - Anyone funds a device's micro-account with [`Pallet::lock`]: the amount moves from the
//!   caller into the device account and is held there (an owner tops up its devices; a device
//!   locks its own funds).
//! - The device account asks for funds back with [`Pallet::unlock`]: they stop counting for
//!   DAG spending at once but stay held for [`Config::UnlockDelay`] blocks — long enough for
//!   every DAG transfer made against them to be anchored and settled — and then
//!   [`Pallet::withdraw`] releases them.
//!
//! Anchors settle here ([`itc_primitives::anchor::MicroSettlement`]): the net transfers of a
//! batch move between the holds, and each sender's *sequence watermark* ([`NextSeq`]) moves
//! past the numbers the batch settled. A batch must start each sender's numbers exactly at its
//! watermark, so no DAG transaction is ever settled twice, whichever node cut the batch.
//!
//! Nodes read through the runtime API ([`runtime_api::DagAccountsApi`]): what a sender has
//! locked and is unlocking and whether it is an active device (`sender`, for admission), what
//! stays held through an epoch's deadline (`held_through`, what a batch settles against), and
//! its watermark (`next_seq`).

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

pub mod runtime_api;
mod settlement;
mod types;
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
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Inspect, InspectHold, Mutate, MutateHold},
			tokens::{Fortitude, Precision, Preservation},
		},
	};
	use frame_system::pallet_prelude::*;
	use itc_primitives::device::DeviceRegistry;
	use sp_runtime::traits::{CheckedAdd, Saturating, Zero};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// Locked for DAG spending, or unlocking.
		#[codec(index = 0)]
		DagSpending,
	}

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The currency locked.
		type Currency: Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// Which accounts are devices' accounts, and which devices are active.
		type Devices: DeviceRegistry<Self::AccountId>;

		/// Blocks between an unlock request and the withdrawal.
		#[pallet::constant]
		type UnlockDelay: Get<BlockNumberFor<Self>>;

		/// The smallest amount locked by one call.
		#[pallet::constant]
		type MinLock: Get<BalanceOf<Self>>;

		/// The most unlock requests waiting per account.
		#[pallet::constant]
		type MaxUnlocking: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// Micro-accounts, by device account.
	#[pallet::storage]
	pub type Accounts<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, MicroAccountOf<T>, OptionQuery>;

	/// Each DAG sender's first sequence number not settled yet (its watermark): anchors settle
	/// numbers in unbroken runs from here, each number once.
	#[pallet::storage]
	pub type NextSeq<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, u64, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// Funds were locked for a device's DAG spending.
		Locked {
			/// The device account.
			account: T::AccountId,
			/// Who paid.
			by: T::AccountId,
			/// The amount.
			amount: BalanceOf<T>,
		},
		/// A device account asked for locked funds back.
		UnlockRequested {
			/// The device account.
			account: T::AccountId,
			/// The amount.
			amount: BalanceOf<T>,
			/// The first block it can be withdrawn in.
			at: BlockNumberFor<T>,
		},
		/// Unlocked funds were released to the device account's free balance.
		Withdrawn {
			/// The device account.
			account: T::AccountId,
			/// The amount.
			amount: BalanceOf<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is not a device's account. Micro-accounts belong to devices.
		NotADevice,
		/// The amount is below `MinLock` (or zero for an unlock).
		AmountTooLow,
		/// The caller's free balance cannot pay the amount.
		InsufficientBalance,
		/// The micro-account has less locked than asked for.
		InsufficientLocked,
		/// `MaxUnlocking` requests are waiting already; withdraw the due ones first.
		TooManyUnlocking,
		/// No unlock request is due yet.
		NothingToWithdraw,
		/// An anchor's sequence numbers for a sender do not start at its watermark: they were
		/// settled already (a replay), or numbers before them were not.
		SequenceMismatch,
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
		/// Lock `amount` for the DAG spending of device account `device`, paid by the caller.
		///
		/// - Origin: signed, anyone (an owner, or the device itself).
		/// - `amount`: at least `MinLock`; moved from the caller into `device` and held there.
		///   If the device account does not exist yet, the caller also pays its existential
		///   deposit (funds can only be held on a live account).
		///
		/// Errors: [`Error::NotADevice`], [`Error::AmountTooLow`],
		/// [`Error::InsufficientBalance`]. Events: [`Event::Locked`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::lock())]
		pub fn lock(
			origin: OriginFor<T>,
			device: T::AccountId,
			amount: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(T::Devices::code_of(&device).is_some(), Error::<T>::NotADevice);
			ensure!(amount >= T::MinLock::get() && !amount.is_zero(), Error::<T>::AmountTooLow);
			let reason = HoldReason::DagSpending.into();
			// A device account that does not exist yet gets its existential deposit from the
			// caller first: funds can only be held on a live account.
			let missing =
				T::Currency::minimum_balance().saturating_sub(T::Currency::balance(&device));
			if !missing.is_zero() && who != device {
				T::Currency::transfer(&who, &device, missing, Preservation::Preserve)
					.map_err(|_| Error::<T>::InsufficientBalance)?;
			}
			if who == device {
				T::Currency::hold(&reason, &device, amount)
			} else {
				T::Currency::transfer_and_hold(
					&reason,
					&who,
					&device,
					amount,
					Precision::Exact,
					Preservation::Preserve,
					Fortitude::Polite,
				)
				.map(|_| ())
			}
			.map_err(|_| Error::<T>::InsufficientBalance)?;
			Accounts::<T>::mutate(&device, |account| {
				let account = account.get_or_insert_with(Default::default);
				account.locked = account.locked.saturating_add(amount);
			});
			Self::deposit_event(Event::Locked { account: device, by: who, amount });
			Ok(())
		}

		/// Stop `amount` of the caller's locked funds counting for DAG spending; withdraw them
		/// after `UnlockDelay` blocks.
		///
		/// - Origin: signed, the device account.
		///
		/// Errors: [`Error::AmountTooLow`], [`Error::InsufficientLocked`],
		/// [`Error::TooManyUnlocking`]. Events: [`Event::UnlockRequested`].
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::unlock())]
		pub fn unlock(origin: OriginFor<T>, amount: BalanceOf<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(!amount.is_zero(), Error::<T>::AmountTooLow);
			let at =
				frame_system::Pallet::<T>::block_number().saturating_add(T::UnlockDelay::get());
			Accounts::<T>::try_mutate(&who, |account| {
				let account = account.as_mut().ok_or(Error::<T>::InsufficientLocked)?;
				account.locked =
					account.locked.checked_sub(&amount).ok_or(Error::<T>::InsufficientLocked)?;
				account
					.unlocking
					.try_push(Unlocking { amount, at })
					.map_err(|_| Error::<T>::TooManyUnlocking)
			})?;
			Self::deposit_event(Event::UnlockRequested { account: who, amount, at });
			Ok(())
		}

		/// Release the caller's unlock requests that are due.
		///
		/// - Origin: signed, the device account.
		///
		/// Errors: [`Error::NothingToWithdraw`]. Events: [`Event::Withdrawn`].
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::withdraw(T::MaxUnlocking::get()))]
		pub fn withdraw(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let now = frame_system::Pallet::<T>::block_number();
			let mut account = Accounts::<T>::get(&who).ok_or(Error::<T>::NothingToWithdraw)?;
			let mut due = BalanceOf::<T>::zero();
			account.unlocking.retain(|u| {
				let is_due = u.at <= now;
				if is_due {
					due = due.saturating_add(u.amount);
				}
				!is_due
			});
			ensure!(!due.is_zero(), Error::<T>::NothingToWithdraw);
			T::Currency::release(&HoldReason::DagSpending.into(), &who, due, Precision::Exact)?;
			if account.locked.is_zero() && account.unlocking.is_empty() {
				Accounts::<T>::remove(&who);
			} else {
				Accounts::<T>::insert(&who, account);
			}
			Self::deposit_event(Event::Withdrawn { account: who, amount: due });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// What `account` may spend in the DAG, what it is unlocking, and whether it is an
		/// active device; `None` if it is not a device's account.
		pub fn sender(account: &T::AccountId) -> Option<SenderState<BalanceOf<T>>> {
			let code = T::Devices::code_of(account)?;
			let (locked, unlocking) = Accounts::<T>::get(account).map_or_else(
				|| (Zero::zero(), Zero::zero()),
				|a| {
					let unlocking = a
						.unlocking
						.iter()
						.fold(BalanceOf::<T>::zero(), |sum, u| sum.saturating_add(u.amount));
					(a.locked, unlocking)
				},
			);
			Some(SenderState { locked, unlocking, active: T::Devices::is_active(&code) })
		}

		/// What of `account`'s DAG funds stays held through block `until`: its locked funds and
		/// the unlock requests that cannot be withdrawn by then. A batch cut at a reference block
		/// counts this with `until` = the epoch's deadline, so no withdrawal can make the
		/// settlement it agreed on fail.
		pub fn held_through(account: &T::AccountId, until: BlockNumberFor<T>) -> BalanceOf<T> {
			Accounts::<T>::get(account).map_or_else(Zero::zero, |a| {
				a.unlocking
					.iter()
					.filter(|u| u.at > until)
					.fold(a.locked, |sum, u| sum.saturating_add(u.amount))
			})
		}

		/// `account`'s sequence watermark: its first DAG sequence number not settled yet.
		pub fn next_seq(account: &T::AccountId) -> u64 {
			NextSeq::<T>::get(account)
		}

		/// Every micro-account's hold equals its locked and unlocking amounts; no record is
		/// empty.
		#[cfg(any(feature = "try-runtime", feature = "std"))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			let reason = HoldReason::DagSpending.into();
			for (who, account) in Accounts::<T>::iter() {
				let total = account
					.unlocking
					.iter()
					.try_fold(account.locked, |sum, u| sum.checked_add(&u.amount))
					.ok_or("micro-account total overflows")?;
				ensure!(!total.is_zero(), "an empty micro-account is stored");
				ensure!(
					T::Currency::balance_on_hold(&reason, &who) == total,
					"hold ≠ locked + unlocking"
				);
			}
			Ok(())
		}
	}
}
