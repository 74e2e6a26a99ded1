//! # Data-market pallet
//!
//! Device owners sell their devices' data; buyers pay into escrow; keys are delivered and
//! disputes judged with no trusted party.
//!
//! ## Overview
//!
//! A data package is encrypted with a 32-byte *content key*, chunk by chunk, and stored in
//! IPFS ([`crypto::package`]). The owner of an active device lists it: the package CID,
//! `BLAKE2b-256(content key)` and the Merkle root of the sealed chunks as commitments, a price,
//! a terms CID, an expiry, a maximum number of sales and a bond. A buyer fetches the package,
//! checks it against the root, and pays the price into escrow together with a fresh X25519
//! public key. The seller delivers the content key sealed to that key (libsodium
//! `crypto_box_seal`)
//! within [`Config::DeliveryPeriod`], or anyone can have the buyer refunded. The buyer opens
//! the box, decrypts the package and confirms; if the buyer stays silent for
//! [`Config::ConfirmationPeriod`] the seller is paid anyway. The seller gets the price minus
//! [`Config::MarketFee`], which goes to [`Config::FeeDestination`] (the community fund).
//!
//! *Disputes.* Within the confirmation window the buyer can reveal the purchase's X25519
//! secret key. The runtime checks that it belongs to the purchase's public key, opens the
//! sealed key and compares its hash with the listing's commitment ([`crypto::judge`]); with
//! [`Pallet::dispute_chunk`] the buyer also shows a sealed chunk of the package with its
//! Merkle path, and the runtime checks that the committed key opens it
//! ([`crypto::judge_chunk`]):
//! - a box that does not open, opens to another key, or to a key that does not open the chunk
//!   shown: the buyer is refunded and receives the listing's bond; the listing closes as
//!   forfeited;
//! - the committed key, opening the chunk shown: the seller is paid as on confirmation, and
//!   the buyer pays the seller [`Config::DisputeFee`] of the price on top.
//!
//! Revealing the secret publishes the content key (anyone can now open the box), which is why
//! a lost dispute costs the buyer a fee that goes to the seller.
//!
//! *Bounties.* A buyer asks for data (a request CID), escrows `reward × max_accepted`, and sets
//! a deadline. Device owners answer with one of their open listings; the buyer accepts up to
//! `max_accepted` answers, each becoming an ordinary purchase of that listing paid with
//! `reward` from the bounty escrow. At the deadline the rest is refunded.
//!
//! *Deadlines.* Every deadline is enforced twice: by a permissionless call anyone can make
//! once it passed ([`Pallet::refund`], [`Pallet::settle`], [`Pallet::expire_listing`],
//! [`Pallet::close_bounty`]), and automatically by `on_initialize`, which acts on at most
//! [`Config::MaxDeadlinesPerBlock`] deadlines queued for that block. Nothing depends on the
//! hook: a deadline that finds its block's queue full is left to the calls. Every amount on
//! hold therefore has a path back to someone.
//!
//! *Money.* Escrows, bonds and bounty rewards leave the payer's account when committed and are
//! held on the market's keyless pot ([`Pallet::pot`], from [`Config::PalletId`]): the commit
//! honours the payer's freezes and locks, and nothing the payer does later can stop a payout.
//! A payout its recipient cannot receive (a reaped account, an amount below the existential
//! deposit) goes to [`Config::FeeDestination`], or else stays in the pot's free balance
//! ([`Event::PayoutRedirected`]).
//!
//! ## Calls
//!
//! - Sellers: [`Pallet::list`], [`Pallet::update_listing`], [`Pallet::withdraw_listing`],
//!   [`Pallet::deliver`], [`Pallet::answer_bounty`].
//! - Buyers: [`Pallet::buy`], [`Pallet::confirm`], [`Pallet::dispute`], [`Pallet::dispute_chunk`],
//!   [`Pallet::post_bounty`], [`Pallet::accept_answer`], [`Pallet::close_bounty`].
//! - Anyone, after a deadline: [`Pallet::refund`], [`Pallet::settle`],
//!   [`Pallet::expire_listing`], [`Pallet::close_bounty`].

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

pub mod crypto;
mod evidence;
mod features;
mod listings;
pub mod migrations;
pub mod runtime_api;
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
pub const LOG_TARGET: &str = "runtime::data-market";

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::fungible::{Mutate, MutateHold},
	};
	use frame_system::pallet_prelude::*;
	use itc_primitives::device::{DeviceCode, DeviceRegistry};
	use sp_runtime::Permill;

	/// The in-code storage version.
	/// Version 2 holds every committed amount on the pot ([`crate::migrations::v2`]).
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A buyer's payment for a purchase, until settled or refunded.
		#[codec(index = 0)]
		Escrow,
		/// A seller's bond for a listing, until the listing is removed or the bond forfeited.
		#[codec(index = 1)]
		SellerBond,
		/// The rewards of a bounty's answers not yet accepted.
		#[codec(index = 2)]
		BountyEscrow,
	}

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The currency of prices, bonds and rewards.
		type Currency: Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// Who owns which device and whether it is active.
		type Devices: DeviceRegistry<Self::AccountId>;

		/// Where market fees go (the community fund), and payouts their recipient cannot
		/// receive.
		type FeeDestination: Get<Self::AccountId>;

		/// Derives the pot: the keyless account that holds every escrow, bond and bounty.
		#[pallet::constant]
		type PalletId: Get<frame_support::PalletId>;

		/// The share of each settled payment that goes to [`Config::FeeDestination`].
		#[pallet::constant]
		type MarketFee: Get<Permill>;

		/// The share of the price a buyer pays the seller for a dispute the seller wins.
		#[pallet::constant]
		type DisputeFee: Get<Permill>;

		/// The smallest bond a listing takes.
		#[pallet::constant]
		type MinSellerBond: Get<BalanceOf<Self>>;

		/// Blocks a seller has to deliver the key after a purchase.
		#[pallet::constant]
		type DeliveryPeriod: Get<BlockNumberFor<Self>>;

		/// Blocks a buyer has to confirm or dispute after delivery.
		#[pallet::constant]
		type ConfirmationPeriod: Get<BlockNumberFor<Self>>;

		/// The furthest ahead a listing's expiry may be, in blocks.
		#[pallet::constant]
		type MaxListingLifetime: Get<BlockNumberFor<Self>>;

		/// The furthest ahead a bounty's deadline may be, in blocks.
		#[pallet::constant]
		type MaxBountyLifetime: Get<BlockNumberFor<Self>>;

		/// The longest CID, in bytes of its text form.
		#[pallet::constant]
		type MaxCidLength: Get<u32>;

		/// The most answers a bounty takes.
		#[pallet::constant]
		type MaxAnswers: Get<u32>;

		/// The most deadlines queued for one block, which bounds `on_initialize`.
		#[pallet::constant]
		type MaxDeadlinesPerBlock: Get<u32>;

		/// The current mining era, which settled sales' fees are counted in for edge mining.
		type CurrentEra: Get<itc_primitives::mining::EraIndex>;

		/// Weights of this pallet's calls and hook.
		type WeightInfo: WeightInfo;
	}

	/// Listings that sell, or have purchases still open, by id.
	///
	/// Twox64Concat: ids are sequential, chosen by the chain, not by users.
	#[pallet::storage]
	pub type Listings<T: Config> = StorageMap<_, Twox64Concat, ListingId, Listing<T>, OptionQuery>;

	/// Purchases not yet settled or refunded, by id.
	#[pallet::storage]
	pub type Purchases<T: Config> =
		StorageMap<_, Twox64Concat, PurchaseId, Purchase<T>, OptionQuery>;

	/// The package each listing committed to, by listing id: stored and removed with the
	/// listing. Listings made before packages were committed (storage version 2) have none,
	/// and their disputes judge the key alone.
	#[pallet::storage]
	pub type Packages<T: Config> = StorageMap<_, Twox64Concat, ListingId, PackageRoot, OptionQuery>;

	/// Bounties not yet closed, by id.
	#[pallet::storage]
	pub type Bounties<T: Config> = StorageMap<_, Twox64Concat, BountyId, Bounty<T>, OptionQuery>;

	/// The id the next listing gets.
	#[pallet::storage]
	pub type NextListingId<T: Config> = StorageValue<_, ListingId, ValueQuery>;

	/// The id the next purchase gets.
	#[pallet::storage]
	pub type NextPurchaseId<T: Config> = StorageValue<_, PurchaseId, ValueQuery>;

	/// The id the next bounty gets.
	#[pallet::storage]
	pub type NextBountyId<T: Config> = StorageValue<_, BountyId, ValueQuery>;

	/// The market fees of each device's settled sales, for its last two eras with any: what
	/// edge mining reads as evidence that costs something to fake
	/// ([`itc_primitives::mining::MarketEvidence`]).
	#[pallet::storage]
	pub type FeesOf<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		DeviceCode,
		itc_primitives::mining::EraTally<BalanceOf<T>>,
		ValueQuery,
	>;

	/// Deadlines `on_initialize` acts on, by the block it acts in.
	#[pallet::storage]
	pub type Deadlines<T: Config> = StorageMap<
		_,
		Twox64Concat,
		BlockNumberFor<T>,
		BoundedVec<Deadline, T::MaxDeadlinesPerBlock>,
		ValueQuery,
	>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A data package was listed.
		Listed {
			/// The new listing.
			listing: ListingId,
			/// The device owner selling.
			seller: T::AccountId,
			/// The device whose data it is.
			device: DeviceCode,
			/// The package's Merkle root and number of chunks.
			package: PackageRoot,
			/// Its price.
			price: BalanceOf<T>,
			/// The bond the seller committed to the pot.
			bond: BalanceOf<T>,
		},
		/// A seller changed a listing's price, expiry or maximum sales.
		ListingUpdated {
			/// The listing.
			listing: ListingId,
			/// Its price now.
			price: BalanceOf<T>,
			/// Its expiry now.
			expires_at: BlockNumberFor<T>,
			/// Its maximum sales now.
			max_sales: u32,
		},
		/// A listing stopped selling.
		ListingClosed {
			/// The listing.
			listing: ListingId,
			/// Why.
			status: ListingStatus,
		},
		/// A closed listing with no open purchases was removed; what was left of its bond
		/// went back to the seller.
		ListingRemoved {
			/// The listing.
			listing: ListingId,
			/// The bond returned.
			bond_returned: BalanceOf<T>,
		},
		/// A buyer paid into escrow.
		Purchased {
			/// The new purchase.
			purchase: PurchaseId,
			/// What was bought.
			listing: ListingId,
			/// The buyer.
			buyer: T::AccountId,
			/// The amount in escrow on the pot.
			amount: BalanceOf<T>,
			/// The X25519 key to seal the content key to.
			buyer_key: BoxPublicKey,
			/// The last block in which the seller can deliver.
			deliver_by: BlockNumberFor<T>,
		},
		/// The seller delivered the sealed content key.
		KeyDelivered {
			/// The purchase.
			purchase: PurchaseId,
			/// The content key sealed to the buyer's key.
			sealed_key: SealedKey,
			/// The last block in which the buyer can confirm or dispute.
			confirm_by: BlockNumberFor<T>,
		},
		/// The seller was paid.
		Settled {
			/// The purchase, now removed.
			purchase: PurchaseId,
			/// The seller.
			seller: T::AccountId,
			/// What the seller received.
			paid: BalanceOf<T>,
			/// The market fee.
			fee: BalanceOf<T>,
			/// Whether the buyer confirmed (else the window elapsed or a dispute was lost).
			confirmed: bool,
		},
		/// The key was not delivered in time; the buyer got the payment back.
		Refunded {
			/// The purchase, now removed.
			purchase: PurchaseId,
			/// The buyer.
			buyer: T::AccountId,
			/// The amount returned.
			amount: BalanceOf<T>,
		},
		/// The runtime found the delivered key wrong: the buyer was refunded and got the bond.
		DisputeWonByBuyer {
			/// The purchase, now removed.
			purchase: PurchaseId,
			/// What the runtime found.
			reason: DisputeReason,
			/// The payment returned.
			refund: BalanceOf<T>,
			/// The seller's bond paid to the buyer.
			bond: BalanceOf<T>,
		},
		/// The runtime found the delivered key right: the buyer paid the seller the dispute
		/// fee, and the purchase settles.
		DisputeWonBySeller {
			/// The purchase.
			purchase: PurchaseId,
			/// The dispute fee the buyer paid the seller.
			fee: BalanceOf<T>,
		},
		/// A buyer posted a data bounty.
		BountyPosted {
			/// The new bounty.
			bounty: BountyId,
			/// The buyer.
			buyer: T::AccountId,
			/// What each accepted answer is paid.
			reward: BalanceOf<T>,
			/// The most answers accepted.
			max_accepted: u32,
			/// The last block for answers and acceptances.
			deadline: BlockNumberFor<T>,
		},
		/// A seller answered a bounty with a listing.
		BountyAnswered {
			/// The bounty.
			bounty: BountyId,
			/// The listing offered.
			listing: ListingId,
		},
		/// The buyer accepted an answer; it became a purchase paid from the bounty escrow.
		AnswerAccepted {
			/// The bounty.
			bounty: BountyId,
			/// The listing bought.
			listing: ListingId,
			/// The purchase made.
			purchase: PurchaseId,
		},
		/// A bounty closed; the rewards not accepted went back to the buyer.
		BountyClosed {
			/// The bounty, now removed.
			bounty: BountyId,
			/// The escrow returned.
			refunded: BalanceOf<T>,
		},
		/// A deadline found its block's queue (and the next ones) full, so `on_initialize`
		/// will not act on it: the permissionless call for it must be used.
		DeadlineNotQueued {
			/// The deadline.
			deadline: Deadline,
			/// The block it was due to be acted on.
			at: BlockNumberFor<T>,
		},
		/// A payout went elsewhere because its recipient could not receive it: an account
		/// that no longer exists, and an amount below the existential deposit.
		PayoutRedirected {
			/// Who it was meant for.
			intended: T::AccountId,
			/// Who received it: the fee destination, or else the pot's free balance.
			to: T::AccountId,
			/// The amount.
			amount: BalanceOf<T>,
		},
		/// A sold-out listing sells again: a purchase of it was refunded (the key was never
		/// delivered) before the listing expired.
		ListingReopened {
			/// The listing.
			listing: ListingId,
		},
		/// A bounty's buyer rejected an answer; its device cannot answer the bounty again.
		AnswerRejected {
			/// The bounty.
			bounty: BountyId,
			/// The listing that answered.
			listing: ListingId,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The caller does not own the device. List the data of your own devices.
		NotDeviceOwner,
		/// The device is not active or its manufacturer not approved, or it changed owner since
		/// it was listed: its data cannot be sold now.
		DeviceUnavailable,
		/// A CID is empty, too long or not a text CID (ASCII letters and digits).
		BadCid,
		/// The price or reward is zero. Ask for something.
		ZeroAmount,
		/// The maximum number of sales or accepted answers is zero. Allow at least one.
		ZeroMaximum,
		/// The bond is below `MinSellerBond`.
		BondTooLow,
		/// The expiry or deadline is not after the current block, or further ahead than the
		/// maximum lifetime.
		BadDeadline,
		/// The caller's free balance cannot cover the amount to commit or pay, beyond what its
		/// freezes and locks keep and the existential deposit.
		InsufficientBalance,
		/// No listing has this id (it may have been removed after closing).
		UnknownListing,
		/// The caller is not the seller.
		NotSeller,
		/// The listing is closed: withdrawn, expired, sold out or forfeited.
		ListingClosed,
		/// The listing's expiry has passed.
		ListingExpired,
		/// The listing has not expired yet.
		NotExpired,
		/// The maximum sales must exceed the sales made so far.
		MaxSalesBelowSold,
		/// The price went above the buyer's `max_price`.
		PriceAboveMax,
		/// A seller cannot buy their own listing.
		BuyerIsSeller,
		/// No purchase has this id (it may have been settled or refunded).
		UnknownPurchase,
		/// The caller is not the buyer.
		NotBuyer,
		/// The key was already delivered.
		AlreadyDelivered,
		/// The key has not been delivered yet.
		NotDelivered,
		/// The delivery window has closed; the buyer can be refunded.
		DeliveryWindowClosed,
		/// The delivery window is still open.
		DeliveryWindowOpen,
		/// The confirmation window has closed; the seller can be paid.
		ConfirmationWindowClosed,
		/// The confirmation window is still open.
		ConfirmationWindowOpen,
		/// The revealed secret is not the purchase's key. The dispute needs the secret of the
		/// X25519 key given at purchase.
		SecretMismatch,
		/// No bounty has this id (it may have been closed).
		UnknownBounty,
		/// The caller did not post the bounty.
		NotBountyOwner,
		/// The bounty's deadline has passed.
		BountyDeadlinePassed,
		/// The bounty's deadline has not passed; only its buyer can close it now.
		BountyStillOpen,
		/// The bounty has `MaxAnswers` answers already.
		TooManyAnswers,
		/// The listing already answers this bounty.
		AlreadyAnswered,
		/// The listing is not an answer to this bounty (or was already accepted).
		NotAnAnswer,
		/// An id or amount overflowed.
		Overflow,
		/// The buyer's X25519 key is not a canonical encoding (top bit set, or p or more) or is
		/// of small order: no content key can be sealed to it safely. Make a fresh key pair
		/// (`crypto_box_keypair`).
		WeakBuyerKey,
		/// The bounty's buyer rejected an answer of this device: it cannot answer the bounty
		/// again (until `MaxAnswers` later rejections).
		DeviceRejected,
		/// A package has at least one chunk (empty data is one empty chunk).
		ZeroChunks,
		/// The listing was made before packages were committed: it has no Merkle root to show
		/// a chunk against. Use `dispute`.
		NoPackage,
		/// The chunk shown is not the listed package's chunk of that index: the index is out
		/// of range, or its Merkle path does not lead to the root. Nothing changed.
		BadEvidence,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			Self::act_on_deadlines(now)
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// List the encrypted data of one of the caller's devices. Commits `bond` to the pot.
		///
		/// - Origin: signed, the owner of an active device.
		/// - `device`: the device whose data it is.
		/// - `cid`: CID of the encrypted package in IPFS.
		/// - `key_commitment`: `BLAKE2b-256(content key)` (libsodium
		///   `crypto_generichash(32, key)`).
		/// - `package`: the Merkle root of the package's sealed chunks and their number, at
		///   least 1 ([`crypto::package`]).
		/// - `price`: what one purchase costs, not zero.
		/// - `terms`: CID of the licence terms.
		/// - `expires_at`: the last block in which it can be bought, at most
		///   `MaxListingLifetime` ahead.
		/// - `max_sales`: the most purchases, at least 1.
		/// - `bond`: at least `MinSellerBond`; a buyer who proves a wrong key gets it.
		///
		/// Errors: [`Error::NotDeviceOwner`], [`Error::DeviceUnavailable`], [`Error::BadCid`],
		/// [`Error::ZeroChunks`], [`Error::ZeroAmount`], [`Error::ZeroMaximum`], [`Error::BondTooLow`],
		/// [`Error::BadDeadline`], [`Error::InsufficientBalance`], [`Error::Overflow`].
		/// Events: [`Event::Listed`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::list())]
		#[allow(clippy::too_many_arguments)]
		pub fn list(
			origin: OriginFor<T>,
			device: DeviceCode,
			cid: CidOf<T>,
			key_commitment: [u8; 32],
			package: PackageRoot,
			price: BalanceOf<T>,
			terms: CidOf<T>,
			expires_at: BlockNumberFor<T>,
			max_sales: u32,
			bond: BalanceOf<T>,
		) -> DispatchResult {
			let seller = ensure_signed(origin)?;
			let listing = Listing {
				seller,
				device,
				cid,
				key_commitment,
				price,
				terms,
				expires_at,
				max_sales,
				sold: 0,
				open_purchases: 0,
				bond,
				status: ListingStatus::Open,
			};
			Self::do_list(listing, package)
		}

		/// Change an open listing's price, expiry and maximum sales.
		///
		/// - Origin: signed, the seller.
		/// - `max_sales`: more than the sales made so far.
		///
		/// Errors: [`Error::UnknownListing`], [`Error::NotSeller`], [`Error::ListingClosed`],
		/// [`Error::ZeroAmount`], [`Error::BadDeadline`], [`Error::MaxSalesBelowSold`].
		/// Events: [`Event::ListingUpdated`].
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::update_listing())]
		pub fn update_listing(
			origin: OriginFor<T>,
			listing: ListingId,
			price: BalanceOf<T>,
			expires_at: BlockNumberFor<T>,
			max_sales: u32,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_update_listing(&who, listing, price, expires_at, max_sales)
		}

		/// Stop selling a listing. Its bond comes back when its open purchases have ended.
		///
		/// - Origin: signed, the seller.
		///
		/// Errors: [`Error::UnknownListing`], [`Error::NotSeller`], [`Error::ListingClosed`].
		/// Events: [`Event::ListingClosed`], [`Event::ListingRemoved`] if nothing is open
		/// [`Event::PayoutRedirected`] if a recipient cannot receive.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::withdraw_listing())]
		pub fn withdraw_listing(origin: OriginFor<T>, listing: ListingId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw_listing(&who, listing)
		}

		/// Close a listing whose expiry has passed (the hook normally does this).
		///
		/// - Origin: signed, anyone.
		///
		/// Errors: [`Error::UnknownListing`], [`Error::ListingClosed`], [`Error::NotExpired`].
		/// Events: [`Event::ListingClosed`], [`Event::ListingRemoved`] if nothing is open
		/// [`Event::PayoutRedirected`] if a recipient cannot receive.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::expire_listing())]
		pub fn expire_listing(origin: OriginFor<T>, listing: ListingId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_expire_listing(listing)
		}

		/// Buy a listing: commits its price from the caller to the pot until settlement or refund.
		///
		/// - Origin: signed, the buyer.
		/// - `max_price`: the most the buyer pays (the seller may change the price).
		/// - `buyer_key`: a fresh X25519 public key for this purchase, to which the seller
		///   seals the content key, as `crypto_box_keypair` makes it (canonical, not of small
		///   order). Keep its secret: a dispute reveals it.
		///
		/// Errors: [`Error::WeakBuyerKey`], [`Error::UnknownListing`], [`Error::ListingClosed`],
		/// [`Error::ListingExpired`], [`Error::PriceAboveMax`], [`Error::BuyerIsSeller`],
		/// [`Error::DeviceUnavailable`], [`Error::InsufficientBalance`], [`Error::Overflow`].
		/// Events: [`Event::Purchased`], [`Event::ListingClosed`] on the last sale.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::buy())]
		pub fn buy(
			origin: OriginFor<T>,
			listing: ListingId,
			max_price: BalanceOf<T>,
			buyer_key: BoxPublicKey,
		) -> DispatchResult {
			let buyer = ensure_signed(origin)?;
			Self::do_buy(buyer, listing, max_price, buyer_key)
		}

		/// Deliver the content key sealed to the purchase's key (`crypto_box_seal`, 80 bytes).
		///
		/// - Origin: signed, the seller, within the delivery window.
		///
		/// Errors: [`Error::UnknownPurchase`], [`Error::NotSeller`],
		/// [`Error::AlreadyDelivered`], [`Error::DeliveryWindowClosed`].
		/// Events: [`Event::KeyDelivered`].
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::deliver())]
		pub fn deliver(
			origin: OriginFor<T>,
			purchase: PurchaseId,
			sealed_key: SealedKey,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_deliver(&who, purchase, sealed_key)
		}

		/// Confirm a delivered key: the seller is paid.
		///
		/// - Origin: signed, the buyer.
		///
		/// Errors: [`Error::UnknownPurchase`], [`Error::NotBuyer`], [`Error::NotDelivered`].
		/// Events: [`Event::Settled`]
		/// [`Event::PayoutRedirected`] if a recipient cannot receive.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::confirm())]
		pub fn confirm(origin: OriginFor<T>, purchase: PurchaseId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_confirm(&who, purchase)
		}

		/// Dispute a delivered key by revealing the purchase's X25519 secret key; the runtime
		/// judges the key (see the pallet docs). When the key is the committed one but does not
		/// decrypt the package, use [`Pallet::dispute_chunk`].
		///
		/// - Origin: signed, the buyer, within the confirmation window; on a right key the
		///   buyer must be able to pay `DisputeFee` of the price.
		///
		/// Errors: [`Error::UnknownPurchase`], [`Error::NotBuyer`], [`Error::NotDelivered`],
		/// [`Error::ConfirmationWindowClosed`], [`Error::SecretMismatch`],
		/// [`Error::InsufficientBalance`].
		/// Events: [`Event::DisputeWonByBuyer`] (and [`Event::ListingClosed`]), or
		/// [`Event::DisputeWonBySeller`] and [`Event::Settled`]
		/// [`Event::PayoutRedirected`] if a recipient cannot receive.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::dispute_won_by_buyer().max(T::WeightInfo::dispute_won_by_seller()))]
		pub fn dispute(
			origin: OriginFor<T>,
			purchase: PurchaseId,
			secret: BoxSecretKey,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_dispute(&who, purchase, secret, None)
		}

		/// Refund a purchase whose key was not delivered in time (the hook normally does this).
		///
		/// - Origin: signed, anyone.
		///
		/// Errors: [`Error::UnknownPurchase`], [`Error::AlreadyDelivered`],
		/// [`Error::DeliveryWindowOpen`].
		/// Events: [`Event::Refunded`]; [`Event::ListingReopened`] if its listing was sold out
		/// and has not expired; [`Event::PayoutRedirected`] if the buyer cannot receive.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::refund())]
		pub fn refund(origin: OriginFor<T>, purchase: PurchaseId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_refund(purchase)
		}

		/// Pay the seller of a delivered purchase whose confirmation window elapsed (the hook
		/// normally does this).
		///
		/// - Origin: signed, anyone.
		///
		/// Errors: [`Error::UnknownPurchase`], [`Error::NotDelivered`],
		/// [`Error::ConfirmationWindowOpen`].
		/// Events: [`Event::Settled`]
		/// [`Event::PayoutRedirected`] if a recipient cannot receive.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::settle())]
		pub fn settle(origin: OriginFor<T>, purchase: PurchaseId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_settle_elapsed(purchase)
		}

		/// Post a data bounty: commits `reward × max_accepted` to the pot until accepted or
		/// refunded.
		///
		/// - Origin: signed, the buyer.
		/// - `request`: CID of what data is wanted, in what form.
		/// - `deadline`: the last block for answers and acceptances, at most
		///   `MaxBountyLifetime` ahead.
		///
		/// Errors: [`Error::BadCid`], [`Error::ZeroAmount`], [`Error::ZeroMaximum`],
		/// [`Error::BadDeadline`], [`Error::InsufficientBalance`], [`Error::Overflow`].
		/// Events: [`Event::BountyPosted`].
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::post_bounty())]
		pub fn post_bounty(
			origin: OriginFor<T>,
			request: CidOf<T>,
			reward: BalanceOf<T>,
			max_accepted: u32,
			deadline: BlockNumberFor<T>,
		) -> DispatchResult {
			let buyer = ensure_signed(origin)?;
			Self::do_post_bounty(buyer, request, reward, max_accepted, deadline)
		}

		/// Answer a bounty with one of the caller's listings, which the bounty's buyer must be
		/// able to buy now. A device answers a bounty once; an answer whose listing can no
		/// longer be bought (withdrawn, sold out, expired, its device suspended, retired or
		/// handed over) gives its place up to new answers.
		///
		/// - Origin: signed, the listing's seller.
		///
		/// Errors: [`Error::UnknownBounty`], [`Error::BountyDeadlinePassed`],
		/// [`Error::UnknownListing`], [`Error::NotSeller`], [`Error::ListingClosed`],
		/// [`Error::ListingExpired`], [`Error::BuyerIsSeller`], [`Error::DeviceUnavailable`],
		/// [`Error::DeviceRejected`], [`Error::AlreadyAnswered`], [`Error::TooManyAnswers`].
		/// Events: [`Event::BountyAnswered`].
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::answer_bounty())]
		pub fn answer_bounty(
			origin: OriginFor<T>,
			bounty: BountyId,
			listing: ListingId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_answer_bounty(&who, bounty, listing)
		}

		/// Accept an answer: it becomes a purchase of the listing paid with the bounty's
		/// reward, and goes on like any purchase (delivery, confirmation or dispute).
		///
		/// - Origin: signed, the bounty's buyer, before the deadline.
		/// - `buyer_key`: a fresh X25519 public key, as in [`Pallet::buy`].
		///
		/// Errors: [`Error::WeakBuyerKey`], [`Error::UnknownBounty`], [`Error::NotBountyOwner`],
		/// [`Error::BountyDeadlinePassed`], [`Error::NotAnAnswer`], [`Error::UnknownListing`],
		/// [`Error::ListingClosed`], [`Error::ListingExpired`], [`Error::BuyerIsSeller`],
		/// [`Error::DeviceUnavailable`], [`Error::Overflow`].
		/// Events: [`Event::AnswerAccepted`], [`Event::Purchased`], and [`Event::BountyClosed`]
		/// on the last accepted answer.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::accept_answer())]
		pub fn accept_answer(
			origin: OriginFor<T>,
			bounty: BountyId,
			listing: ListingId,
			buyer_key: BoxPublicKey,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_accept_answer(who, bounty, listing, buyer_key)
		}

		/// Close a bounty and refund the rewards not accepted: by its buyer at any time, by
		/// anyone after its deadline (the hook normally does this).
		///
		/// - Origin: signed.
		///
		/// Errors: [`Error::UnknownBounty`], [`Error::BountyStillOpen`].
		/// Events: [`Event::BountyClosed`]
		/// [`Event::PayoutRedirected`] if a recipient cannot receive.
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::close_bounty())]
		pub fn close_bounty(origin: OriginFor<T>, bounty: BountyId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_close_bounty(Some(&who), bounty)
		}

		/// Reject an answer to the caller's bounty: it is removed, and its device cannot answer
		/// this bounty again. The bounty remembers its last `MaxAnswers` rejected devices, so a
		/// rejection always succeeds.
		///
		/// - Origin: signed, the bounty's buyer, before the deadline.
		///
		/// Errors: [`Error::UnknownBounty`], [`Error::BountyDeadlinePassed`],
		/// [`Error::NotBountyOwner`], [`Error::NotAnAnswer`].
		/// Events: [`Event::AnswerRejected`].
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::reject_answer())]
		pub fn reject_answer(
			origin: OriginFor<T>,
			bounty: BountyId,
			listing: ListingId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_reject_answer(&who, bounty, listing)
		}

		/// Dispute a delivered key that is the committed one but does not open a chunk of the
		/// package: reveal the purchase's X25519 secret key and show the sealed chunk, as the
		/// package holds it, with its Merkle path to the listing's root. The runtime judges the
		/// key as [`Pallet::dispute`] does, then checks the chunk's Poly1305 tag under it.
		///
		/// - Origin: signed, the buyer, within the confirmation window; on a chunk that opens
		///   the buyer must be able to pay `DisputeFee` of the price.
		/// - `evidence`: the chunk's index, the sealed chunk (at most 4,112 bytes) and the
		///   ⌈log₂ chunks⌉ siblings from its leaf to the root.
		///
		/// Errors: [`Error::UnknownPurchase`], [`Error::NotBuyer`], [`Error::NotDelivered`],
		/// [`Error::ConfirmationWindowClosed`], [`Error::UnknownListing`], [`Error::NoPackage`],
		/// [`Error::SecretMismatch`], [`Error::BadEvidence`], [`Error::InsufficientBalance`].
		/// Events: [`Event::DisputeWonByBuyer`] (and [`Event::ListingClosed`]), or
		/// [`Event::DisputeWonBySeller`] and [`Event::Settled`]
		/// [`Event::PayoutRedirected`] if a recipient cannot receive.
		#[pallet::call_index(15)]
		// The chunk path does all the key-only path does and more: charged the largest of the
		// four measured paths.
		#[pallet::weight({
			let (c, d) = (evidence.sealed.len() as u32, evidence.path.len() as u32);
			T::WeightInfo::dispute_chunk_won_by_buyer(c, d)
				.max(T::WeightInfo::dispute_chunk_won_by_seller(c, d))
				.max(T::WeightInfo::dispute_won_by_buyer())
				.max(T::WeightInfo::dispute_won_by_seller())
		})]
		pub fn dispute_chunk(
			origin: OriginFor<T>,
			purchase: PurchaseId,
			secret: BoxSecretKey,
			evidence: ChunkEvidence,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_dispute(&who, purchase, secret, Some(evidence))
		}
	}
}
