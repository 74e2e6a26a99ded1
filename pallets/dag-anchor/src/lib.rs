//! # DAG anchor pallet
//!
//! The bridge between the DAG of device micro-transactions and the BFT-final chain.
//!
//! ## Overview
//!
//! Every node runs the DAG beside the chain (`itc-dag`, and the node's `itc-dag-service`).
//! Wall-clock time since the genesis moment is cut into *epochs* of [`EpochLength`] ms. When an
//! epoch has ended, this pallet *opens* it: every validator's node cuts the same batch from its
//! DAG (confirmed transactions not yet anchored: each device's numbers from its watermark up to
//! its last one stamped before the epoch's end), settles its transfers
//! against the micro-accounts as they stood at the opening block, stores the batch file in
//! IPFS and writes the [`AnchorSummary`] into its off-chain database. The pallet's off-chain
//! worker reads it there, signs it with the validator's Aura key and submits it with
//! [`Pallet::propose`] as an authorized (fee-less) transaction.
//!
//! When two thirds of the current validators (rounded up) proposed the same summary, the
//! anchor takes effect in that block: the net micro-transfer settlement is applied to the
//! micro-accounts ([`Config::Settlement`]), the data records are credited to their devices
//! for edge mining ([`itc_primitives::mining::WorkEvidence`]), the [`Anchor`] is stored, and
//! validators who proposed something else are recorded as outvoted. If the epoch's deadline
//! passes first (disagreement, silence, or a settlement that can no longer be applied), the
//! epoch *times out*: nothing of it is applied, and its transactions roll into the next
//! epoch's batch, which holds everything confirmed and not anchored. An epoch is opened only
//! after the previous one is resolved, so no transaction is settled twice.
//!
//! Anyone proves a DAG transaction's inclusion with a Merkle proof against a stored anchor
//! ([`Pallet::verify_inclusion`], runtime API [`runtime_api::DagAnchorApi`]).
//!
//! ## Terminology
//!
//! - *Epoch*: `[genesis + e·L, genesis + (e+1)·L)` in Unix ms, `L` = [`EpochLength`].
//! - *Reference block*: the block that opened the epoch; its state is what the batch settles
//!   against, so every validator computes the same settlement.
//! - *Threshold*: `⌈2N/3⌉` proposals of the `N` current validators.
//!
//! ## Calls
//!
//! - Authorized (by a validator's signature, no fee): [`Pallet::propose`].
//!
//! Hooks: `on_initialize` opens epochs and times them out; `offchain_worker` proposes.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

mod features;
pub use features::{summary_key, LOG_TARGET, RESUBMIT_AFTER};
mod impls;
pub mod runtime_api;
mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

/// Where the node leaves an epoch's summary for the off-chain worker (persistent off-chain
/// storage): this prefix followed by the epoch (u32 LE); the value is the SCALE-encoded
/// [`itc_primitives::anchor::AnchorSummary`].
pub const SUMMARY_KEY_PREFIX: &[u8] = b"itc/anchor/summary/";
/// Where the off-chain worker remembers its submissions: this prefix, the epoch (u32 LE) and
/// the validator key's SCALE encoding; the value is the block number it submitted at.
pub const SENT_KEY_PREFIX: &[u8] = b"itc/anchor/sent/";

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::pallet_prelude::*;
	use frame_system::{offchain::CreateAuthorizedTransaction, pallet_prelude::*};
	use itc_primitives::{
		anchor::{EpochIndex, Hash32, MicroSettlement},
		device::{DeviceCode, DeviceRegistry},
		mining::EraIndex,
		Moment, WallClock,
	};
	use sp_runtime::RuntimeAppPublic;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config + CreateAuthorizedTransaction<Call<Self>> {
		/// A validator's key (the runtime uses the Aura key).
		type AuthorityId: Member + Parameter + RuntimeAppPublic + Ord + MaxEncodedLen;

		/// The current validators.
		type Validators: Get<alloc::vec::Vec<Self::AuthorityId>>;

		/// The most validators there can be.
		#[pallet::constant]
		type MaxValidators: Get<u32>;

		/// Wall-clock time since the genesis moment.
		type Clock: WallClock;

		/// Unix time now, in ms (the timestamp of the block).
		type Time: frame_support::traits::Time<Moment = Moment>;

		/// Where net micro-transfers are settled.
		type Settlement: MicroSettlement<Self::AccountId>;

		/// Which device an account belongs to (data records are credited to devices).
		type Devices: DeviceRegistry<Self::AccountId>;

		/// The current edge-mining era, which anchored records count for.
		type CurrentEra: Get<EraIndex>;

		/// Blocks after its opening in which an epoch takes proposals.
		#[pallet::constant]
		type EpochTimeout: Get<BlockNumberFor<Self>>;

		/// Priority of proposals in the transaction pool.
		#[pallet::constant]
		type ProposalPriority: Get<TransactionPriority>;

		/// Weights of this pallet.
		type WeightInfo: WeightInfo;

		/// Sets up what the benchmarks need.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId, Self::AuthorityId>;
	}

	/// Epoch length in ms, set at genesis.
	#[pallet::storage]
	pub type EpochLength<T> = StorageValue<_, Moment, ValueQuery>;

	/// The first epoch not resolved (anchored, timed out or skipped) yet.
	#[pallet::storage]
	pub type NextEpoch<T> = StorageValue<_, EpochIndex, ValueQuery>;

	/// The epoch open for proposals.
	#[pallet::storage]
	pub type OpenEpoch<T: Config> = StorageValue<_, EpochWindowOf<T>, OptionQuery>;

	/// The summary hash each validator proposed for the open epoch.
	#[pallet::storage]
	pub type Proposals<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		EpochIndex,
		Blake2_128Concat,
		T::AuthorityId,
		Hash32,
		OptionQuery,
	>;

	/// The summaries proposed for the open epoch, by hash, with their votes.
	#[pallet::storage]
	pub type Tallies<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		EpochIndex,
		Identity,
		Hash32,
		Tally<AnchorSummaryOf<T>>,
		OptionQuery,
	>;

	/// The anchors, by epoch.
	#[pallet::storage]
	pub type Anchors<T: Config> = StorageMap<_, Twox64Concat, EpochIndex, AnchorOf<T>, OptionQuery>;

	/// The latest epoch anchored.
	#[pallet::storage]
	pub type LastAnchored<T> = StorageValue<_, EpochIndex, OptionQuery>;

	/// How often each validator was outvoted (proposed a summary that did not win).
	#[pallet::storage]
	pub type OutvotedCount<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AuthorityId, u32, ValueQuery>;

	/// Data records anchored per device, for its last two eras with records.
	#[pallet::storage]
	pub type RecordsOf<T> =
		StorageMap<_, Blake2_128Concat, DeviceCode, AnchoredRecords, OptionQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Epoch length in ms (0: the default, 5 minutes).
		pub epoch_length_ms: Moment,
		/// Marker.
		#[serde(skip)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			let length = if self.epoch_length_ms == 0 {
				DEFAULT_EPOCH_LENGTH_MS
			} else {
				self.epoch_length_ms
			};
			EpochLength::<T>::put(length);
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An epoch ended and takes proposals until `deadline`.
		EpochOpened {
			/// The epoch.
			epoch: EpochIndex,
			/// The reference block (this one).
			reference: BlockNumberFor<T>,
			/// The last block a proposal counts in.
			deadline: BlockNumberFor<T>,
			/// Epochs passed over because the chain was down or busy; their transactions are in
			/// this one's batch.
			skipped: u32,
		},
		/// A validator proposed a summary.
		Proposed {
			/// The epoch.
			epoch: EpochIndex,
			/// The validator.
			validator: T::AuthorityId,
			/// The summary's hash.
			summary_hash: Hash32,
			/// Validators who proposed this summary so far.
			votes: u32,
		},
		/// Two thirds of the validators agreed: the epoch is anchored and settled.
		Anchored {
			/// The epoch.
			epoch: EpochIndex,
			/// The Merkle root.
			root: Hash32,
			/// Transactions in the batch.
			count: u32,
			/// The summary's hash.
			summary_hash: Hash32,
			/// Micro-accounts the settlement changed.
			settled: u32,
			/// Data records credited.
			records: u32,
		},
		/// A validator had proposed another summary than the one anchored.
		Outvoted {
			/// The epoch.
			epoch: EpochIndex,
			/// The validator.
			validator: T::AuthorityId,
			/// The hash it proposed.
			summary_hash: Hash32,
		},
		/// The deadline passed without agreement: nothing of the epoch applies, and its
		/// transactions roll into the next epoch.
		EpochTimedOut {
			/// The epoch.
			epoch: EpochIndex,
			/// Proposals it received.
			proposals: u32,
		},
		/// The agreed summary's settlement could not be applied (a debited account no longer
		/// holds enough): the epoch is resolved as timed out and its transactions roll over.
		SettlementFailed {
			/// The epoch.
			epoch: EpochIndex,
			/// The summary's hash.
			summary_hash: Hash32,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No epoch is open, or the summary is for another one. Propose for the open epoch
		/// (runtime API `DagAnchorApi::status`).
		WrongEpoch,
		/// The key is not a current validator's.
		NotAValidator,
		/// This validator proposed for this epoch already; a proposal cannot be changed.
		AlreadyProposed,
		/// The signature is not the validator's over this chain's proposal payload.
		BadSignature,
		/// The summary cannot be right whatever the batch (shape, order or unbalanced
		/// settlement); see `itc_primitives::anchor::check_summary`.
		MalformedSummary,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(n: BlockNumberFor<T>) -> Weight {
			Self::do_advance_epochs(n)
		}

		fn offchain_worker(n: BlockNumberFor<T>) {
			Self::do_offchain_propose(n);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Propose `summary` for the open epoch, as validator `validator`.
		///
		/// - Origin: authorized — the transaction carries no signer and pays no fee; it is
		///   valid when `signature` is `validator`'s over the proposal payload (context,
		///   genesis hash, epoch, summary hash) and `validator` is a current validator who has
		///   not proposed for the epoch. The off-chain worker of a validating node submits it.
		/// - The proposal that brings a summary to two thirds of the validators anchors it.
		///
		/// Errors: [`Error::WrongEpoch`], [`Error::NotAValidator`], [`Error::AlreadyProposed`],
		/// [`Error::BadSignature`], [`Error::MalformedSummary`] (in the pool these are invalid
		/// transactions: stale / bad signer / bad proof / call). Events: [`Event::Proposed`],
		/// and when it completes the threshold [`Event::Anchored`] with [`Event::Outvoted`] per
		/// dissenting validator, or [`Event::SettlementFailed`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::propose_anchoring(
			T::MaxValidators::get(),
			itc_primitives::anchor::MAX_SETTLEMENT_ENTRIES,
			itc_primitives::anchor::MAX_RECORD_DEVICES,
			itc_primitives::anchor::MAX_BATCH_SENDERS,
		))]
		#[pallet::authorize(Pallet::<T>::authorize_propose)]
		#[pallet::weight_of_authorize(T::WeightInfo::authorize_propose())]
		pub fn propose(
			origin: OriginFor<T>,
			summary: AnchorSummaryOf<T>,
			validator: T::AuthorityId,
			signature: SignatureOf<T>,
		) -> DispatchResultWithPostInfo {
			ensure_authorized(origin)?;
			Self::check_proposal(&summary, &validator, &signature)?;
			Ok(Some(Self::do_propose(summary, validator)).into())
		}
	}
}

/// What the benchmarks need from the runtime.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId, AuthorityId> {
	/// Makes `validators` the current validators.
	fn set_validators(validators: alloc::vec::Vec<AuthorityId>);
	/// Moves the wall clock to `ms` after the genesis moment.
	fn set_elapsed_ms(ms: itc_primitives::Moment);
	/// A balanced settlement of `n` entries (`n` ≠ 1) that can be applied.
	fn settlement(n: u32) -> alloc::vec::Vec<itc_primitives::anchor::NetChange<AccountId>>;
	/// The account of a new active device; `seed` makes it unique.
	fn record_device(seed: u32) -> AccountId;
}

/// Epoch length when genesis names none: 5 minutes.
pub const DEFAULT_EPOCH_LENGTH_MS: itc_primitives::Moment = 5 * 60 * 1000;
