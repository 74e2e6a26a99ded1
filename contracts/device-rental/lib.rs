//! # Device rental
//!
//! The IONChain parking-lock case: the owner of an IoT device (a parking lock, a charger, a
//! tool) offers it for rent by the hour; a renter pays; the device, or its gateway, asks the
//! contract who may use it now.
//!
//! - [`DeviceRental::offer`]: the device's owner sets a price per hour and the longest
//!   rental. The contract checks through the chain extension that the caller owns the device
//!   and that it is active (its manufacturer approved).
//! - [`DeviceRental::rent`]: the renter pays `price × hours` into the contract. The chain
//!   extension is asked again: the device must still be active and still owned by the
//!   offerer (an owner who sold the device cannot rent it out).
//! - [`DeviceRental::current_user`] / [`DeviceRental::may_use`]: who may use the device now.
//! - [`DeviceRental::return_device`]: the renter returns it at any time, or anyone closes
//!   the rental once its window has passed. The owner is paid for every hour started, the
//!   renter refunded the rest.
//!
//! Time is the block timestamp (milliseconds); an hour is [`HOUR_MS`].

#![cfg_attr(not(feature = "std"), no_std, no_main)]

#[ink::contract(env = itc_env::ItcEnvironment)]
mod device_rental {
	use ink::storage::Mapping;
	use itc_env::DeviceCode;

	/// One hour in milliseconds of block time.
	pub const HOUR_MS: Timestamp = 3_600_000;

	/// A device's rental terms.
	#[derive(Debug, Clone, PartialEq, Eq)]
	#[ink::scale_derive(Encode, Decode, TypeInfo)]
	#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
	pub struct Offer {
		/// The device's owner when it was offered; paid for the rentals.
		pub owner: AccountId,
		/// Price of one hour.
		pub price_per_hour: Balance,
		/// The longest rental, in hours.
		pub max_hours: u32,
	}

	/// A device's current rental.
	#[derive(Debug, Clone, PartialEq, Eq)]
	#[ink::scale_derive(Encode, Decode, TypeInfo)]
	#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
	pub struct Rental {
		/// Who may use the device during the window.
		pub renter: AccountId,
		/// Who is paid.
		pub owner: AccountId,
		/// Start of the window (block timestamp, ms).
		pub start: Timestamp,
		/// End of the window (exclusive).
		pub end: Timestamp,
		/// Hours paid for.
		pub hours: u32,
		/// Price of one hour.
		pub price_per_hour: Balance,
	}

	/// Why a message failed (nothing changed, the payment is returned).
	#[derive(Debug, PartialEq, Eq, Clone, Copy)]
	#[ink::scale_derive(Encode, Decode, TypeInfo)]
	pub enum Error {
		/// The caller (offering) or the offerer (renting) does not own the device on chain.
		NotDeviceOwner,
		/// The device is not active or its manufacturer is not approved.
		DeviceNotActive,
		/// A price or longest rental of zero.
		InvalidTerms,
		/// The device is not offered.
		NoOffer,
		/// Only who offered the device can withdraw the offer.
		NotOfferer,
		/// Zero hours, or more than the offer allows.
		InvalidHours,
		/// The payment is not `price_per_hour × hours`.
		WrongPayment,
		/// Someone rents the device now.
		AlreadyRented,
		/// The device has no rental to end.
		NotRented,
		/// Only the renter can end a rental before its window is over.
		NotRenter,
		/// The contract could not pay out (it always holds the escrow, so this is a bug).
		TransferFailed,
	}

	/// The result of a message.
	pub type Result<T> = core::result::Result<T, Error>;

	/// A device was offered (or its terms changed).
	#[ink(event)]
	pub struct Offered {
		#[ink(topic)]
		code: DeviceCode,
		owner: AccountId,
		price_per_hour: Balance,
		max_hours: u32,
	}

	/// An offer was withdrawn.
	#[ink(event)]
	pub struct Withdrawn {
		#[ink(topic)]
		code: DeviceCode,
	}

	/// A device was rented.
	#[ink(event)]
	pub struct Rented {
		#[ink(topic)]
		code: DeviceCode,
		#[ink(topic)]
		renter: AccountId,
		start: Timestamp,
		end: Timestamp,
		paid: Balance,
	}

	/// A rental ended.
	#[ink(event)]
	pub struct Returned {
		#[ink(topic)]
		code: DeviceCode,
		renter: AccountId,
		hours_used: u32,
		to_owner: Balance,
		refund: Balance,
	}

	/// Offers and rentals by device code.
	#[ink(storage)]
	#[derive(Default)]
	pub struct DeviceRental {
		offers: Mapping<DeviceCode, Offer>,
		rentals: Mapping<DeviceCode, Rental>,
	}

	impl DeviceRental {
		/// An empty rental desk.
		#[ink(constructor)]
		pub fn new() -> Self {
			Self::default()
		}

		/// Offers device `code` at `price_per_hour` for rentals of up to `max_hours`; the
		/// caller must own the device and it must be active. Offering again changes the
		/// terms of later rentals.
		#[ink(message)]
		pub fn offer(
			&mut self,
			code: DeviceCode,
			price_per_hour: Balance,
			max_hours: u32,
		) -> Result<()> {
			if price_per_hour == 0 || max_hours == 0 {
				return Err(Error::InvalidTerms);
			}
			let owner = self.env().caller();
			self.check_device(code, &owner)?;
			self.offers.insert(code, &Offer { owner, price_per_hour, max_hours });
			self.env().emit_event(Offered { code, owner, price_per_hour, max_hours });
			Ok(())
		}

		/// Withdraws the offer of `code` (a running rental runs on).
		#[ink(message)]
		pub fn withdraw(&mut self, code: DeviceCode) -> Result<()> {
			let offer = self.offers.get(code).ok_or(Error::NoOffer)?;
			if offer.owner != self.env().caller() {
				return Err(Error::NotOfferer);
			}
			self.offers.remove(code);
			self.env().emit_event(Withdrawn { code });
			Ok(())
		}

		/// Rents `code` for `hours` from now, paying `price_per_hour × hours` with the call.
		/// A previous rental whose window is over is closed first.
		#[ink(message, payable)]
		pub fn rent(&mut self, code: DeviceCode, hours: u32) -> Result<Rental> {
			let offer = self.offers.get(code).ok_or(Error::NoOffer)?;
			if hours == 0 || hours > offer.max_hours {
				return Err(Error::InvalidHours);
			}
			let price = offer.price_per_hour.checked_mul(Balance::from(hours));
			if price != Some(self.env().transferred_value()) {
				return Err(Error::WrongPayment);
			}
			let now = self.env().block_timestamp();
			if let Some(previous) = self.rentals.get(code) {
				if now < previous.end {
					return Err(Error::AlreadyRented);
				}
				self.close(code, previous, now)?;
			}
			self.check_device(code, &offer.owner)?;
			let end = now.saturating_add(Timestamp::from(hours).saturating_mul(HOUR_MS));
			let renter = self.env().caller();
			let rental = Rental {
				renter,
				owner: offer.owner,
				start: now,
				end,
				hours,
				price_per_hour: offer.price_per_hour,
			};
			self.rentals.insert(code, &rental);
			self.env().emit_event(Rented {
				code,
				renter,
				start: now,
				end,
				paid: self.env().transferred_value(),
			});
			Ok(rental)
		}

		/// Ends the rental of `code`: the renter may at any time, anyone once the window is
		/// over. Pays the owner every hour started and refunds the renter the rest. Returns
		/// `(to owner, refund)`.
		#[ink(message)]
		pub fn return_device(&mut self, code: DeviceCode) -> Result<(Balance, Balance)> {
			let rental = self.rentals.get(code).ok_or(Error::NotRented)?;
			let now = self.env().block_timestamp();
			if self.env().caller() != rental.renter && now < rental.end {
				return Err(Error::NotRenter);
			}
			self.close(code, rental, now)
		}

		/// Who may use device `code` now: its renter during a rental window, else nobody.
		#[ink(message)]
		pub fn current_user(&self, code: DeviceCode) -> Option<AccountId> {
			let now = self.env().block_timestamp();
			self.rentals.get(code).filter(|r| r.start <= now && now < r.end).map(|r| r.renter)
		}

		/// Whether `who` may use device `code` now.
		#[ink(message)]
		pub fn may_use(&self, code: DeviceCode, who: AccountId) -> bool {
			self.current_user(code) == Some(who)
		}

		/// The offer of `code`.
		#[ink(message)]
		pub fn offer_of(&self, code: DeviceCode) -> Option<Offer> {
			self.offers.get(code)
		}

		/// The rental of `code`, running or over but not yet closed.
		#[ink(message)]
		pub fn rental_of(&self, code: DeviceCode) -> Option<Rental> {
			self.rentals.get(code)
		}

		/// Asks the chain whether `code` is active and owned by `owner`.
		fn check_device(&self, code: DeviceCode, owner: &AccountId) -> Result<()> {
			if self.env().extension().device_owner(code).as_ref() != Some(owner) {
				return Err(Error::NotDeviceOwner);
			}
			if !self.env().extension().device_active(code) {
				return Err(Error::DeviceNotActive);
			}
			Ok(())
		}

		/// Pays out and forgets `rental` of `code`, ended at `now`.
		fn close(
			&mut self,
			code: DeviceCode,
			rental: Rental,
			now: Timestamp,
		) -> Result<(Balance, Balance)> {
			let elapsed = now.saturating_sub(rental.start);
			let started = elapsed.div_ceil(HOUR_MS).max(1);
			let hours_used = u32::try_from(started).unwrap_or(u32::MAX).min(rental.hours);
			let to_owner = rental.price_per_hour.saturating_mul(Balance::from(hours_used));
			let paid = rental.price_per_hour.saturating_mul(Balance::from(rental.hours));
			let refund = paid.saturating_sub(to_owner);
			self.rentals.remove(code);
			self.pay(rental.owner, to_owner)?;
			self.pay(rental.renter, refund)?;
			self.env().emit_event(Returned {
				code,
				renter: rental.renter,
				hours_used,
				to_owner,
				refund,
			});
			Ok((to_owner, refund))
		}

		fn pay(&self, to: AccountId, amount: Balance) -> Result<()> {
			if amount == 0 {
				return Ok(());
			}
			self.env().transfer(to, amount).map_err(|_| Error::TransferFailed)
		}
	}
}

#[cfg(test)]
mod tests;
