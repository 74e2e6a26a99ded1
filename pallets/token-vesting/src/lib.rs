//! # Token vesting pallet
//!
//! Funds that become transferable at wall-clock milestones.
//!
//! ## Overview
//!
//! An account's vesting *schedule* is a list of [`Milestone`]s, each an amount and a moment
//! measured in milliseconds since the chain's genesis moment ([`itc_primitives::WallClock`]).
//! The sum of the milestones not yet vested is frozen on the account with the fungible freeze
//! API: the funds stay in the beneficiary's own account, count towards its balance, and cannot
//! be transferred until their milestone has passed and someone calls [`Pallet::vest`] or
//! [`Pallet::vest_other`].
//!
//! Because milestones are wall-clock time, not block numbers, missed Aura slots do not delay
//! them.
//!
//! ## Bounds against griefing
//!
//! Anyone may give anyone funds on a schedule, and each milestone takes one of the
//! beneficiary's [`Config::MaxMilestones`] slots. So that a stranger cannot fill a victim's
//! schedule and stop the grants it is owed:
//! - a signed [`Pallet::vested_transfer`] may fill a schedule only up to
//!   [`Config::MaxSignedMilestones`]; the slots above are for [`Pallet::force_vested_transfer`]
//!   (governance), which a stranger can never block;
//! - every milestone is at most [`Config::MaxVestingHorizon`] ms away and carries at least
//!   [`Config::MinMilestoneAmount`]: filling the signed slots costs that much, all of which
//!   reaches the victim within the horizon;
//! - milestones already reached are vested when new ones arrive, and milestones at the same
//!   moment share a slot.
//!
//! What remains: someone who gives an account `MaxSignedMilestones × MinMilestoneAmount` can
//! stop *signed* grants to it for at most the horizon; grants by governance still go through. The genesis preset uses this for the R&D team bucket (33 % at month 12, 33 % at month
//! 24, 34 % at month 36); governance uses [`Pallet::force_vested_transfer`] to pay community
//! grants out of the community fund.
//!
//! ## Terminology
//!
//! - *Milestone*: `(at, amount)`: `amount` unlocks once `at` ms have elapsed since genesis.
//! - *Reached*: a milestone whose `at` is not after the elapsed time.
//! - *Frozen*: the sum of the account's milestones that have not been vested yet.
//!
//! ## Calls
//!
//! Permissionless:
//! - [`Pallet::vest`]: unfreeze the caller's reached milestones.
//! - [`Pallet::vest_other`]: the same for another account (who may hold no free funds to pay
//!   a fee with).
//! - [`Pallet::vested_transfer`]: transfer funds that vest on the given milestones.
//!
//! Force (governance origin):
//! - [`Pallet::force_vested_transfer`]: the same, from any source account, e.g. the community
//!   fund.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

mod features;
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
		traits::fungible::{Inspect, InspectFreeze, Mutate, MutateFreeze},
	};
	use frame_system::pallet_prelude::*;
	use itc_primitives::{Moment, WallClock};
	use sp_runtime::traits::StaticLookup;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	/// Account lookup type of the runtime.
	pub type AccountIdLookupOf<T> = <<T as frame_system::Config>::Lookup as StaticLookup>::Source;
	/// Milestones as passed to a call.
	pub type MilestonesOf<T> = BoundedVec<Milestone<BalanceOf<T>>, <T as Config>::MaxMilestones>;

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Why this pallet freezes funds.
	#[pallet::composite_enum]
	pub enum FreezeReason {
		/// Funds whose vesting milestone has not been reached.
		#[codec(index = 0)]
		Vesting,
	}

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The currency that vests, with freezes.
		type Currency: Inspect<Self::AccountId>
			+ Mutate<Self::AccountId>
			+ InspectFreeze<Self::AccountId, Id = Self::RuntimeFreezeReason>
			+ MutateFreeze<Self::AccountId, Id = Self::RuntimeFreezeReason>;

		/// The overarching freeze reason.
		type RuntimeFreezeReason: From<FreezeReason>;

		/// Wall-clock time since genesis, against which milestones are measured.
		type Clock: WallClock;

		/// Origin that may create schedules paid from any account.
		type ForceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The smallest amount a milestone may carry: keeps dust schedules out of storage.
		#[pallet::constant]
		type MinMilestoneAmount: Get<BalanceOf<Self>>;

		/// The most milestones an account's schedule can hold.
		#[pallet::constant]
		type MaxMilestones: Get<u32>;

		/// The most milestones a schedule may hold after a signed [`Pallet::vested_transfer`]:
		/// the slots above it are kept for [`Pallet::force_vested_transfer`]. Less than
		/// [`Config::MaxMilestones`].
		#[pallet::constant]
		type MaxSignedMilestones: Get<u32>;

		/// How far ahead of the elapsed time a milestone may be, in ms: bounds how long funds
		/// given unasked can take a slot.
		#[pallet::constant]
		type MaxVestingHorizon: Get<Moment>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// The milestones of an account that have not been vested yet, ordered by time.
	///
	/// Blake2 because the key is an account anybody can choose.
	#[pallet::storage]
	pub type ScheduleOf<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, MilestonesOf<T>, OptionQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Schedules to set up at genesis: account and `(at, amount)` milestones. The account
		/// must already hold the sum of the amounts.
		pub schedules: alloc::vec::Vec<(T::AccountId, alloc::vec::Vec<(Moment, BalanceOf<T>)>)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for (who, milestones) in &self.schedules {
				Pallet::<T>::genesis_schedule(who, milestones);
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// Funds were given to `who` on a vesting schedule.
		ScheduleAdded {
			/// The beneficiary.
			who: T::AccountId,
			/// The amount that was transferred and frozen.
			amount: BalanceOf<T>,
			/// How many milestones the amount vests on.
			milestones: u32,
		},
		/// Reached milestones of `who` were unfrozen.
		Vested {
			/// The beneficiary.
			who: T::AccountId,
			/// The amount that became transferable.
			unlocked: BalanceOf<T>,
			/// The amount that stays frozen for later milestones.
			still_frozen: BalanceOf<T>,
		},
		/// The last milestone of `who` was vested; the freeze is gone.
		VestingCompleted {
			/// The beneficiary.
			who: T::AccountId,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account has no vesting schedule. Check the account, or whether it already
		/// vested everything.
		NotVesting,
		/// No milestone of the schedule has been reached yet. Call again after the first
		/// milestone's time.
		NoMilestoneReached,
		/// The schedule has no milestones. Give at least one.
		EmptySchedule,
		/// A milestone's time has already passed. Give times after the current elapsed time.
		MilestoneInPast,
		/// A milestone is more than `MaxVestingHorizon` ms after the current elapsed time. Give
		/// an earlier time.
		MilestoneTooFar,
		/// A milestone carries less than `MinMilestoneAmount`. Raise it or merge milestones.
		AmountLow,
		/// The beneficiary's schedule would hold more milestones than the call may fill:
		/// `MaxSignedMilestones` for a signed transfer, `MaxMilestones` for governance's. Use
		/// fewer milestones, or milestones at the times the schedule has already (they share a
		/// slot), or wait for some to be reached.
		TooManyMilestones,
		/// The amounts overflow the balance type.
		Overflow,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(
				T::MaxSignedMilestones::get() < T::MaxMilestones::get(),
				"governance must keep slots a signed transfer cannot fill"
			);
			assert!(T::MaxVestingHorizon::get() > 0, "a horizon of 0 admits no milestone");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Unfreeze the caller's milestones that have been reached.
		///
		/// - Origin: signed, the beneficiary.
		///
		/// Errors: [`Error::NotVesting`], [`Error::NoMilestoneReached`].
		/// Events: [`Event::Vested`], and [`Event::VestingCompleted`] after the last milestone.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::vest(T::MaxMilestones::get()))]
		pub fn vest(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_vest(&who)
		}

		/// Unfreeze the reached milestones of `target`.
		///
		/// Anyone may call this: the beneficiary may have no transferable funds to pay the fee.
		///
		/// - Origin: signed, anyone.
		/// - `target`: the beneficiary.
		///
		/// Errors: [`Error::NotVesting`], [`Error::NoMilestoneReached`].
		/// Events: [`Event::Vested`], and [`Event::VestingCompleted`] after the last milestone.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::vest(T::MaxMilestones::get()))]
		pub fn vest_other(origin: OriginFor<T>, target: AccountIdLookupOf<T>) -> DispatchResult {
			ensure_signed(origin)?;
			let target = T::Lookup::lookup(target)?;
			Self::do_vest(&target)
		}

		/// Transfer the sum of `milestones` to `dest`, frozen until each milestone is reached.
		///
		/// The caller keeps at least the existential deposit. Milestones merge into any schedule
		/// `dest` already has: its milestones already reached are vested first, and milestones
		/// at the same moment share a slot. The schedule may then hold at most
		/// `MaxSignedMilestones` (the rest are kept for governance's grants).
		///
		/// - Origin: signed, the payer.
		/// - `dest`: the beneficiary.
		/// - `milestones`: `(at, amount)` pairs, `at` in ms since the genesis moment, after the
		///   elapsed time and at most `MaxVestingHorizon` after it, each at least
		///   `MinMilestoneAmount`.
		///
		/// Errors: [`Error::EmptySchedule`], [`Error::MilestoneInPast`],
		/// [`Error::MilestoneTooFar`], [`Error::AmountLow`], [`Error::TooManyMilestones`],
		/// [`Error::Overflow`], and the currency's transfer errors.
		/// Events: [`Event::Vested`] if reached milestones were vested, [`Event::ScheduleAdded`].
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::vested_transfer(T::MaxSignedMilestones::get()))]
		pub fn vested_transfer(
			origin: OriginFor<T>,
			dest: AccountIdLookupOf<T>,
			milestones: MilestonesOf<T>,
		) -> DispatchResult {
			let source = ensure_signed(origin)?;
			let dest = T::Lookup::lookup(dest)?;
			Self::do_vested_transfer(&source, &dest, milestones, T::MaxSignedMilestones::get())
		}

		/// Like [`Pallet::vested_transfer`], from any `source`, and the schedule may fill up to
		/// `MaxMilestones`: how governance pays grants out of the community fund.
		///
		/// - Origin: `ForceOrigin`.
		/// - `source`: the payer.
		/// - `dest`: the beneficiary.
		/// - `milestones`: `(at, amount)` pairs, `at` in ms since the genesis moment.
		///
		/// Errors: as [`Pallet::vested_transfer`], and `BadOrigin`.
		/// Events: [`Event::ScheduleAdded`].
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::vested_transfer(T::MaxMilestones::get()))]
		pub fn force_vested_transfer(
			origin: OriginFor<T>,
			source: AccountIdLookupOf<T>,
			dest: AccountIdLookupOf<T>,
			milestones: MilestonesOf<T>,
		) -> DispatchResult {
			T::ForceOrigin::ensure_origin(origin)?;
			let source = T::Lookup::lookup(source)?;
			let dest = T::Lookup::lookup(dest)?;
			Self::do_vested_transfer(&source, &dest, milestones, T::MaxMilestones::get())
		}
	}

	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// The amount of `who` still frozen by vesting (including milestones reached but not
		/// yet vested).
		pub fn frozen_of(who: T::AccountId) -> BalanceOf<T> {
			T::Currency::balance_frozen(&FreezeReason::Vesting.into(), &who)
		}

		/// The amount of `who` that [`Pallet::vest`] would unfreeze now.
		pub fn vestable_of(who: T::AccountId) -> BalanceOf<T> {
			let now = T::Clock::elapsed_ms();
			ScheduleOf::<T>::get(&who).map(|s| Self::split(&s, now).0).unwrap_or_default()
		}

		/// The next milestone of `who` that has not been reached, if any.
		pub fn next_milestone_of(who: T::AccountId) -> Option<Milestone<BalanceOf<T>>> {
			let now = T::Clock::elapsed_ms();
			ScheduleOf::<T>::get(&who).and_then(|s| s.into_iter().find(|m| m.at > now))
		}
	}
}
