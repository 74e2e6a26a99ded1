//! # DAG micro-accounts pallet
//!
//! What a device may spend in the DAG: ITC locked on chain for it.
//!
//! ## Overview
//!
//! DAG micro-transfers (`itc-dag`) move value between device accounts off chain, in
//! milliseconds; the chain settles them when their batch is anchored. To make a DAG transfer
//! safe to accept before that, the sender's funds must be locked on chain where the sender
//! cannot move them: this pallet holds them on its keyless pot ([`Pallet::pot`], from
//! [`Config::PalletId`]) under [`HoldReason::DagSpending`], and keeps each device's share in
//! its ledger ([`Accounts`]).
//!
//! - Anyone funds a device's micro-account with [`Pallet::lock`]: the amount moves from the
//!   caller's free balance (honouring its freezes and locks) into the pot (an owner tops up its
//!   devices; a device locks its own funds). The device account need not exist.
//! - The device account asks for funds back with [`Pallet::unlock`]: they stop counting for
//!   DAG spending at once but stay in the pot for [`Config::UnlockDelay`] blocks — long enough
//!   for every DAG transfer made against them to be anchored and settled — and then
//!   [`Pallet::withdraw`] pays them to the device account.
//!
//! Anchors settle here ([`itc_primitives::anchor::MicroSettlement`]): the net transfers of a
//! batch move between micro-accounts in the ledger (the money stays in the pot), and each sender's *sequence watermark* ([`NextSeq`]) moves
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

pub mod migrations;
mod pot;
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

/// Target of this pallet's log lines.
pub const LOG_TARGET: &str = "runtime::dag-accounts";

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::fungible::{InspectHold, Mutate, MutateHold},
	};
	use frame_system::pallet_prelude::*;
	use itc_primitives::device::DeviceRegistry;
	use sp_runtime::traits::{CheckedAdd, Saturating, Zero};

	/// Version 2 holds every micro-account's funds on the pot ([`crate::migrations::v2`]).
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

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

		/// Derives the pot: the keyless account that holds every micro-account's funds.
		#[pallet::constant]
		type PalletId: Get<frame_support::PalletId>;

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
		/// The caller's free balance cannot pay the amount, beyond what its freezes and locks
		/// keep and the existential deposit.
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
		/// A settlement's net changes are not in strictly ascending account order: an account
		/// appears twice.
		AccountsNotAscending,
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
		/// - `device`: a device's account; it need not exist.
		/// - `amount`: at least `MinLock`; moved from the caller's free balance into the pot,
		///   where it counts for `device`.
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
			Self::do_lock(who, device, amount)
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

		/// Pay the caller its unlock requests that are due, from the pot.
		///
		/// - Origin: signed, the device account.
		///
		/// Errors: [`Error::NothingToWithdraw`]. Events: [`Event::Withdrawn`].
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::withdraw(T::MaxUnlocking::get()))]
		pub fn withdraw(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw(who)
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

		/// The pot holds exactly what the micro-accounts have locked and are unlocking; no
		/// record is empty.
		#[cfg(any(feature = "try-runtime", feature = "std"))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			let mut sum = BalanceOf::<T>::zero();
			for (_, account) in Accounts::<T>::iter() {
				let total = account
					.unlocking
					.iter()
					.try_fold(account.locked, |sum, u| sum.checked_add(&u.amount))
					.ok_or("micro-account total overflows")?;
				ensure!(!total.is_zero(), "an empty micro-account is stored");
				sum = sum.checked_add(&total).ok_or("micro-account sum overflows")?;
			}
			let held = T::Currency::balance_on_hold(&HoldReason::DagSpending.into(), &Self::pot());
			ensure!(held == sum, "pot hold ≠ sum of locked + unlocking");
			Ok(())
		}
	}
}
