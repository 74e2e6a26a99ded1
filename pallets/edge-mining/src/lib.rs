//! # Edge-mining pallet
//!
//! Every device is a mining machine: devices earn from the mining-reward pool for the work
//! verified for them, and the validators who author blocks earn from the node-incentive pool.
//! Nothing is minted; both pools were created at genesis.
//!
//! ## Overview
//!
//! IONChain's pipeline, made concrete:
//!
//! 1. *Value creation.* During era `e` a device works: it is up, produces data records, serves
//!    a coverage cell.
//! 2. *Verification.* During era `e + 1` the device (or a gateway on its behalf) submits one
//!    [`WorkReport`] for era `e`, signed by the device key over
//!    [`itc_primitives::mining::report_payload`]. The runtime checks the signature against the
//!    key in the device registry and takes one report per device per era, so a report cannot
//!    be replayed, and adds what other pallets know of the device: the DAG anchor bridge
//!    counts its anchored records ([`WorkEvidence`]), the data market the fees of its data's
//!    settled sales ([`MarketEvidence`]).
//! 3. *Evaluation.* The report is scored by the published formula ([`scoring`]). Its claims
//!    (uptime, and records as far as anchored, with diminishing returns) times a weight
//!    governance sets per device class make its claim score, bounded by what its manufacturer
//!    has at stake per device ([`ManufacturerStake`], slashable by governance); its market fees
//!    are paid apart, as a rebate below the fee. Only active devices of approved manufacturers
//!    score.
//! 4. *Confirmation.* From era `e + 2` on, `on_initialize` pays era `e`'s budget
//!    ([`itc_primitives::emission`]): the market's part pro rata to the fees, the rest pro
//!    rata to the claim scores, at most
//!    [`Config::MaxPayoutsPerBlock`] devices per block, into each device's own account. A
//!    device suspended before its payout forfeits it; what an era does not pay stays in the
//!    pool.
//!
//! An era is [`EraLength`] milliseconds of wall-clock time since the genesis moment (a day on
//! public chains; set at genesis). The pools are held on their accounts at genesis under this
//! pallet's hold reasons, so `held + paid out = initial` always, whatever anyone sends to the
//! pool accounts.
//!
//! *Node incentives.* Each block pays its author `budget(era) / slots per era` from the
//! node-incentive pool, by the same curve over that pool, up to the era's budget.
//!
//! ## Calls
//!
//! - Anyone (the device or a gateway): [`Pallet::submit_report`] — free when accepted.
//! - Governance: [`Pallet::set_class_weight`].

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

mod features;
pub mod migrations;
pub mod runtime_api;
pub mod scoring;
mod types;
mod views;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

/// Target of this pallet's log lines.
pub const LOG_TARGET: &str = "runtime::edge-mining";

/// What benchmarks need from the runtime: a clock they can move and a block author.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Makes `ms` milliseconds elapse since the genesis moment.
	fn set_elapsed_ms(ms: itc_primitives::Moment);
	/// Makes the current block's digest name an author; returns the author's account.
	fn set_block_author() -> AccountId;
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Mutate, MutateHold},
			FindAuthor,
		},
	};
	use frame_system::pallet_prelude::*;
	use itc_primitives::{
		device::{
			DeviceClass, DeviceCode, DeviceRegistry, DeviceSignature, ManufacturerId,
			ManufacturerStake,
		},
		mining::{EraIndex, MarketEvidence, WorkEvidence, WorkReport},
		Moment, WallClock,
	};
	use sp_runtime::{traits::Zero, Perbill};

	/// The in-code storage version.
	/// Version 2 records market fees in reports and eras ([`crate::migrations::v2`]).
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The mining-reward pool not yet paid out, held on the pool account.
		#[codec(index = 0)]
		MiningPool,
		/// The node-incentive pool not yet paid out, held on the pool account.
		#[codec(index = 1)]
		NodeIncentives,
	}

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The currency of rewards.
		type Currency: Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// Devices: keys, accounts, classes and whether they may earn.
		type Devices: DeviceRegistry<Self::AccountId>;

		/// Work verified for devices by other pallets (the DAG anchor bridge).
		type Evidence: WorkEvidence;

		/// Fees of the devices' settled data sales (the data market).
		type Market: MarketEvidence<BalanceOf<Self>>;

		/// What each manufacturer has at stake per device (the manufacturer registry).
		type Stake: ManufacturerStake<BalanceOf<Self>>;

		/// Wall-clock time since the genesis moment, which eras are counted in.
		type Clock: WallClock;

		/// The author of the current block, paid from the node-incentive pool.
		type FindAuthor: FindAuthor<Self::AccountId>;

		/// The mining-reward pool account.
		type MiningPool: Get<Self::AccountId>;

		/// The node-incentive pool account.
		type NodeIncentivePool: Get<Self::AccountId>;

		/// Who sets class weights (governance).
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The time between blocks, in milliseconds: an era has `EraLength / BlockTime` slots.
		#[pallet::constant]
		type BlockTime: Get<Moment>;

		/// The most devices paid in one block, which bounds `on_initialize`.
		#[pallet::constant]
		type MaxPayoutsPerBlock: Get<u32>;

		/// The highest class weight governance can set, in percent of the baseline.
		#[pallet::constant]
		type MaxClassWeight: Get<u16>;

		/// The longest model name [`Pallet::set_class_weight`] takes.
		#[pallet::constant]
		type MaxModelLength: Get<u32>;

		/// The stake per device that backs one claim point: a device scores at most its
		/// manufacturer's stake per device divided by this in claims. Not zero.
		#[pallet::constant]
		type StakePerClaimPoint: Get<BalanceOf<Self>>;

		/// The most of an era's budget paid for market fees.
		#[pallet::constant]
		type MarketShare: Get<Perbill>;

		/// The most of its fee a settled sale earns back. Below 100 %, so that selling a
		/// device's data to oneself loses money.
		#[pallet::constant]
		type FeeRebate: Get<Perbill>;

		/// Weights of this pallet's calls and hook.
		type WeightInfo: WeightInfo;

		/// Sets the clock and the block author for benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Milliseconds of wall-clock time per era. Set at genesis, never changed.
	#[pallet::storage]
	pub type EraLength<T: Config> = StorageValue<_, Moment, ValueQuery>;

	/// What each pool started with at genesis and has paid out since.
	#[pallet::storage]
	pub type Emission<T: Config> =
		StorageMap<_, Twox64Concat, Pool, PoolState<BalanceOf<T>>, ValueQuery>;

	/// Reports and payouts per era.
	#[pallet::storage]
	pub type Eras<T: Config> =
		StorageMap<_, Twox64Concat, EraIndex, EraSummary<BalanceOf<T>>, ValueQuery>;

	/// Scored reports not yet paid, by era and device. One per device per era: this is what
	/// makes a signed report single-use.
	#[pallet::storage]
	pub type Reports<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		EraIndex,
		Blake2_128Concat,
		DeviceCode,
		ScoredReport<BalanceOf<T>>,
		OptionQuery,
	>;

	/// The devices that reported in an era, in order, for the payout sweep.
	#[pallet::storage]
	pub type Reporters<T: Config> =
		StorageDoubleMap<_, Twox64Concat, EraIndex, Twox64Concat, u32, DeviceCode, OptionQuery>;

	/// The next report the payout sweep pays: era and position.
	#[pallet::storage]
	pub type PayoutCursor<T: Config> = StorageValue<_, (EraIndex, u32), ValueQuery>;

	/// Class weights set by governance, in percent; classes not here weigh 100.
	#[pallet::storage]
	pub type ClassWeights<T: Config> =
		StorageMap<_, Blake2_128Concat, DeviceClass, u16, OptionQuery>;

	/// What block authors were paid in the era of the last reward: (era, amount).
	#[pallet::storage]
	pub type AuthorsPaid<T: Config> = StorageValue<_, (EraIndex, BalanceOf<T>), ValueQuery>;

	/// The claim score a manufacturer's devices have been given for an era: (era, score).
	/// Only the last era takes reports, so an entry of an earlier era counts as zero and the
	/// next report of the manufacturer's devices overwrites it. This is what holds all of a
	/// manufacturer's devices together to what its whole stake backs in an era, however many
	/// devices it registers between their reports.
	#[pallet::storage]
	pub type ManufacturerClaims<T: Config> =
		StorageMap<_, Twox64Concat, ManufacturerId, (EraIndex, u64), OptionQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Milliseconds per era; a day if left at zero.
		pub era_length_ms: Moment,
		#[serde(skip)]
		#[allow(missing_docs)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			let length = match self.era_length_ms {
				0 => itc_primitives::time::DAY_MS,
				length => length,
			};
			EraLength::<T>::put(length);
			for pool in [Pool::Mining, Pool::NodeIncentives] {
				Pallet::<T>::hold_pool(pool).expect("a pool account's balance can be held");
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A device's work report for an era was accepted and scored.
		Reported {
			/// The era reported on.
			era: EraIndex,
			/// The device.
			device: DeviceCode,
			/// Its claim score.
			score: u32,
			/// Records anchored for it, counted as evidence.
			anchored: u64,
			/// Market fees of its data's sales settled in the era.
			market_fees: BalanceOf<T>,
			/// Whether its claims scored more than its manufacturer's stake allows (per device, or
			/// what is left of the stake's backing for the era), and were cut to that.
			capped: bool,
			/// Who submitted it (the device or a gateway).
			submitter: T::AccountId,
		},
		/// A device was paid its share of an era's budget.
		RewardPaid {
			/// The era.
			era: EraIndex,
			/// The device.
			device: DeviceCode,
			/// The device's own account, which received it.
			account: T::AccountId,
			/// The reward.
			amount: BalanceOf<T>,
		},
		/// A device's share stayed in the pool.
		RewardForfeited {
			/// The era.
			era: EraIndex,
			/// The device.
			device: DeviceCode,
			/// The share it would have had.
			amount: BalanceOf<T>,
			/// Why it was not paid.
			reason: ForfeitReason,
		},
		/// Every report of an era has been paid or forfeited.
		EraPaid {
			/// The era.
			era: EraIndex,
			/// Its budget.
			budget: BalanceOf<T>,
			/// What was paid; the rest stays in the pool.
			paid: BalanceOf<T>,
		},
		/// The block's author was paid from the node-incentive pool, and handed the fees the
		/// pool's account received since the last author was.
		AuthorRewarded {
			/// The author.
			author: T::AccountId,
			/// The reward, from the held pool (emission).
			amount: BalanceOf<T>,
			/// The fees (not emission).
			fees: BalanceOf<T>,
		},
		/// Governance set (or cleared, `None`: back to 100) a device class's weight.
		ClassWeightSet {
			/// The class.
			class: DeviceClass,
			/// The weight, in percent.
			weight: Option<u16>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// Reports for era `e` are taken during era `e + 1` only.
		WrongEra,
		/// Uptime is more than 1,000,000 parts per million.
		UptimeOutOfRange,
		/// No device has this code.
		UnknownDevice,
		/// The device is not active or its manufacturer not approved: it earns nothing.
		DeviceNotActive,
		/// The device has reported on this era already.
		AlreadyReported,
		/// The signature is not the device key's signature of the report payload.
		BadSignature,
		/// The report scores zero and the device sold no data in the era (no uptime, no
		/// anchored records, a class weight of zero, or no stake behind the device).
		NothingToReward,
		/// The era has as many reports as can be paid before the next era's payouts start.
		EraFull,
		/// The class weight is above `MaxClassWeight`.
		WeightTooHigh,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(_now: BlockNumberFor<T>) -> Weight {
			let era = Self::current_era();
			Self::reward_author(era);
			let steps = Self::pay_rewards(era, T::MaxPayoutsPerBlock::get());
			T::WeightInfo::reward_author().saturating_add(T::WeightInfo::pay_rewards(steps))
		}

		fn integrity_test() {
			assert!(T::BlockTime::get() > 0, "BlockTime must not be zero");
			assert!(T::MaxPayoutsPerBlock::get() > 0, "MaxPayoutsPerBlock must not be zero");
			assert!(T::MaxClassWeight::get() >= 100, "MaxClassWeight must allow the baseline");
			assert!(
				T::FeeRebate::get() < Perbill::one(),
				"FeeRebate must stay below 100 %: wash trading must not pay"
			);
			assert!(!T::StakePerClaimPoint::get().is_zero(), "StakePerClaimPoint must not be zero");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Submit a device's work report for the last era. Free when accepted.
		///
		/// - Origin: signed, anyone (the device's own account or a gateway).
		/// - `device`: the reporting device, active, of an approved manufacturer.
		/// - `report`: its work in era `report.era`, which must be the era before the current
		///   one.
		/// - `signature`: the device key's signature of
		///   [`itc_primitives::mining::report_payload`] (context, genesis hash, code, report).
		///
		/// Errors: [`Error::WrongEra`], [`Error::UptimeOutOfRange`], [`Error::UnknownDevice`],
		/// [`Error::DeviceNotActive`], [`Error::AlreadyReported`], [`Error::BadSignature`],
		/// [`Error::NothingToReward`], [`Error::EraFull`].
		/// Events: [`Event::Reported`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::submit_report())]
		pub fn submit_report(
			origin: OriginFor<T>,
			device: DeviceCode,
			report: WorkReport,
			signature: DeviceSignature,
		) -> DispatchResultWithPostInfo {
			let submitter = ensure_signed(origin)?;
			Self::do_submit_report(submitter, device, report, &signature)?;
			Ok(Pays::No.into())
		}

		/// Set the reward weight of a device class (a manufacturer's model), in percent of
		/// the baseline; `None` sets it back to 100. Applies to reports submitted afterwards.
		///
		/// - Origin: `GovernanceOrigin`.
		/// - `weight`: 0 (the class earns nothing) to `MaxClassWeight`.
		///
		/// Errors: [`Error::WeightTooHigh`]. Events: [`Event::ClassWeightSet`].
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::set_class_weight())]
		pub fn set_class_weight(
			origin: OriginFor<T>,
			manufacturer: itc_primitives::device::ManufacturerId,
			model: BoundedVec<u8, T::MaxModelLength>,
			weight: Option<u16>,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_class_weight(DeviceClass::new(manufacturer, &model), weight)
		}
	}
}
