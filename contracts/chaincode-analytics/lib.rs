//! # ChainCode analytics
//!
//! The IoT Chain ChainCode idea: buyers of device data get aggregates, never the data.
//!
//! - [`ChaincodeAnalytics::fund`]: an analyst describes a query (`spec`, for example the
//!   CID of a document saying what to count) and escrows `reward × max_contributions`.
//! - [`ChaincodeAnalytics::contribute`]: the owner of an active device submits that
//!   device's aggregate only: counters (summed), HyperLogLog registers (distinct counts) and
//!   Bloom filter bits (membership), computed off chain by the rules in [`sketch`]. The
//!   device key signs the contribution, checked through the chain extension, so each
//!   aggregate comes from a real device; one contribution per device and query. The
//!   contract merges it and pays the owner `reward` from the escrow at once.
//! - [`ChaincodeAnalytics::aggregate`], [`ChaincodeAnalytics::distinct_estimate`],
//!   [`ChaincodeAnalytics::might_contain`]: the merged result. Single contributions are not
//!   kept.
//! - [`ChaincodeAnalytics::close`]: after the deadline (or once full) the analyst takes back
//!   the escrow of the contributions that did not come.
//!
//! The device signs `contract_payload(genesis, code, this contract, SCALE(query id,
//! BLAKE2b-256(SCALE(contribution))))` (docs/CONTRACTS.md).

#![cfg_attr(not(feature = "std"), no_std, no_main)]

pub mod sketch;

#[ink::contract(env = itc_env::ItcEnvironment)]
mod chaincode_analytics {
	use crate::sketch;
	use ink::{prelude::vec::Vec, storage::Mapping};
	use itc_env::{DeviceCode, DeviceSignature};

	/// The most counters a query has.
	pub const MAX_COUNTERS: u8 = 8;
	/// The longest query description.
	pub const MAX_SPEC_LEN: usize = 128;

	/// A funded query.
	#[derive(Debug, Clone, PartialEq, Eq)]
	#[ink::scale_derive(Encode, Decode, TypeInfo)]
	#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
	pub struct Query {
		/// Who funded it and receives the result and the refund.
		pub analyst: AccountId,
		/// What to compute (for example a CID), up to [`MAX_SPEC_LEN`] bytes.
		pub spec: Vec<u8>,
		/// How many counters a contribution carries.
		pub counters: u8,
		/// Paid per contribution.
		pub reward: Balance,
		/// Contributions it pays for.
		pub max_contributions: u32,
		/// Contributions received.
		pub contributions: u32,
		/// No contribution is taken from this block timestamp (ms) on.
		pub deadline: Timestamp,
		/// Whether the analyst closed it.
		pub closed: bool,
	}

	/// One device's aggregate for a query, or the merge of all of them.
	#[derive(Debug, Clone, PartialEq, Eq)]
	#[ink::scale_derive(Encode, Decode, TypeInfo)]
	#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
	pub struct Aggregate {
		/// Counters, summed when merged.
		pub counters: Vec<u64>,
		/// 256 HyperLogLog registers, merged by maximum.
		pub registers: Vec<u8>,
		/// 1024 Bloom filter bits (128 bytes), merged by or.
		pub bloom: Vec<u8>,
	}

	/// Why a message failed (nothing changed, the payment is returned).
	#[derive(Debug, PartialEq, Eq, Clone, Copy)]
	#[ink::scale_derive(Encode, Decode, TypeInfo)]
	pub enum Error {
		/// Zero reward or contributions or duration, too many counters, or a spec too long.
		InvalidQuery,
		/// The payment is not `reward × max_contributions`.
		WrongEscrow,
		/// No query has this id.
		NoQuery,
		/// The query is closed, past its deadline or has all its contributions.
		QueryClosed,
		/// The caller does not own the device on chain.
		NotDeviceOwner,
		/// The device is not active or its manufacturer is not approved.
		DeviceNotActive,
		/// This device already contributed to this query.
		AlreadyContributed,
		/// The contribution has the wrong number of counters, registers or Bloom bytes, or
		/// a register above the highest rank.
		BadAggregate,
		/// The device key did not sign this contribution for this contract.
		BadSignature,
		/// Only the analyst can close the query.
		NotAnalyst,
		/// The query takes contributions until its deadline.
		StillOpen,
		/// The contract could not pay out (it always holds the escrow, so this is a bug).
		TransferFailed,
	}

	/// The result of a message.
	pub type Result<T> = core::result::Result<T, Error>;

	/// A query was funded.
	#[ink(event)]
	pub struct Funded {
		#[ink(topic)]
		id: u32,
		#[ink(topic)]
		analyst: AccountId,
		escrow: Balance,
	}

	/// A device's aggregate was merged and its owner paid.
	#[ink(event)]
	pub struct Contributed {
		#[ink(topic)]
		id: u32,
		#[ink(topic)]
		device: DeviceCode,
		owner: AccountId,
		reward: Balance,
	}

	/// A query was closed and the rest of its escrow refunded.
	#[ink(event)]
	pub struct Closed {
		#[ink(topic)]
		id: u32,
		refund: Balance,
	}

	/// Queries, their merged aggregates, and who contributed.
	#[ink(storage)]
	#[derive(Default)]
	pub struct ChaincodeAnalytics {
		next_id: u32,
		queries: Mapping<u32, Query>,
		merged: Mapping<u32, Aggregate>,
		contributed: Mapping<(u32, DeviceCode), ()>,
	}

	impl ChaincodeAnalytics {
		/// No queries yet.
		#[ink(constructor)]
		pub fn new() -> Self {
			Self::default()
		}

		/// Funds a query paying `reward` for each of up to `max_contributions`
		/// contributions of `counters` counters, open for `duration` ms. The call pays the
		/// escrow, `reward × max_contributions`. Returns the query's id.
		#[ink(message, payable)]
		pub fn fund(
			&mut self,
			spec: Vec<u8>,
			counters: u8,
			reward: Balance,
			max_contributions: u32,
			duration: Timestamp,
		) -> Result<u32> {
			if reward == 0
				|| max_contributions == 0
				|| duration == 0
				|| counters > MAX_COUNTERS
				|| spec.len() > MAX_SPEC_LEN
			{
				return Err(Error::InvalidQuery);
			}
			let escrow = reward.checked_mul(Balance::from(max_contributions));
			if escrow != Some(self.env().transferred_value()) {
				return Err(Error::WrongEscrow);
			}
			let id = self.next_id;
			self.next_id = id.checked_add(1).ok_or(Error::InvalidQuery)?;
			let analyst = self.env().caller();
			let deadline = self.env().block_timestamp().saturating_add(duration);
			let query = Query {
				analyst,
				spec,
				counters,
				reward,
				max_contributions,
				contributions: 0,
				deadline,
				closed: false,
			};
			self.queries.insert(id, &query);
			let (registers, bloom) = sketch::empty();
			let counters = ink::prelude::vec![0; usize::from(counters)];
			self.merged.insert(id, &Aggregate { counters, registers, bloom });
			self.env().emit_event(Funded { id, analyst, escrow: self.env().transferred_value() });
			Ok(id)
		}

		/// Contributes device `code`'s aggregate to query `id`, signed by the device; the
		/// caller must own the device. Pays the caller the query's reward.
		#[ink(message)]
		pub fn contribute(
			&mut self,
			id: u32,
			code: DeviceCode,
			contribution: Aggregate,
			signature: DeviceSignature,
		) -> Result<()> {
			let mut query = self.queries.get(id).ok_or(Error::NoQuery)?;
			if !self.is_open(&query) {
				return Err(Error::QueryClosed);
			}
			if self.contributed.contains((id, code)) {
				return Err(Error::AlreadyContributed);
			}
			if contribution.counters.len() != usize::from(query.counters)
				|| !sketch::well_formed(&contribution.registers, &contribution.bloom)
			{
				return Err(Error::BadAggregate);
			}
			let owner = self.env().caller();
			if self.env().extension().device_owner(code) != Some(owner) {
				return Err(Error::NotDeviceOwner);
			}
			if !self.env().extension().device_active(code) {
				return Err(Error::DeviceNotActive);
			}
			let message = signed_message(id, &contribution);
			let verified = self.env().extension().verify_device_signature(code, message, signature);
			if verified != Ok(true) {
				return Err(Error::BadSignature);
			}

			let mut merged = self.merged.get(id).ok_or(Error::NoQuery)?;
			for (total, add) in merged.counters.iter_mut().zip(&contribution.counters) {
				*total = total.saturating_add(*add);
			}
			sketch::merge_registers(&mut merged.registers, &contribution.registers);
			sketch::merge_bloom(&mut merged.bloom, &contribution.bloom);
			self.merged.insert(id, &merged);
			self.contributed.insert((id, code), &());
			query.contributions = query.contributions.saturating_add(1);
			self.queries.insert(id, &query);
			self.env().transfer(owner, query.reward).map_err(|_| Error::TransferFailed)?;
			self.env().emit_event(Contributed { id, device: code, owner, reward: query.reward });
			Ok(())
		}

		/// Closes query `id` once its deadline passed or all its contributions came, and
		/// refunds the analyst the escrow left. Returns the refund.
		#[ink(message)]
		pub fn close(&mut self, id: u32) -> Result<Balance> {
			let mut query = self.queries.get(id).ok_or(Error::NoQuery)?;
			if query.analyst != self.env().caller() {
				return Err(Error::NotAnalyst);
			}
			if query.closed {
				return Err(Error::QueryClosed);
			}
			if self.is_open(&query) {
				return Err(Error::StillOpen);
			}
			let unused = query.max_contributions.saturating_sub(query.contributions);
			let refund = query.reward.saturating_mul(Balance::from(unused));
			query.closed = true;
			self.queries.insert(id, &query);
			if refund > 0 {
				self.env().transfer(query.analyst, refund).map_err(|_| Error::TransferFailed)?;
			}
			self.env().emit_event(Closed { id, refund });
			Ok(refund)
		}

		/// Query `id`.
		#[ink(message)]
		pub fn query(&self, id: u32) -> Option<Query> {
			self.queries.get(id)
		}

		/// The merged aggregate of query `id`.
		#[ink(message)]
		pub fn aggregate(&self, id: u32) -> Option<Aggregate> {
			self.merged.get(id)
		}

		/// The HyperLogLog estimate of distinct items over all contributions to `id`.
		#[ink(message)]
		pub fn distinct_estimate(&self, id: u32) -> Option<u64> {
			self.merged.get(id).map(|a| sketch::estimate(&a.registers))
		}

		/// Whether some contribution to `id` may contain `item` (Bloom filter: false
		/// positives possible, no false negatives).
		#[ink(message)]
		pub fn might_contain(&self, id: u32, item: Vec<u8>) -> Option<bool> {
			self.merged.get(id).map(|a| sketch::might_contain(&a.bloom, &item))
		}

		/// Whether device `code` contributed to `id`.
		#[ink(message)]
		pub fn has_contributed(&self, id: u32, code: DeviceCode) -> bool {
			self.contributed.contains((id, code))
		}

		fn is_open(&self, query: &Query) -> bool {
			!query.closed
				&& self.env().block_timestamp() < query.deadline
				&& query.contributions < query.max_contributions
		}
	}

	/// What the device signs (inside the runtime's contract payload) to contribute
	/// `contribution` to query `id`: `SCALE(id, BLAKE2b-256(SCALE(contribution)))`.
	pub fn signed_message(id: u32, contribution: &Aggregate) -> Vec<u8> {
		let mut digest = [0u8; 32];
		ink::env::hash_encoded::<ink::env::hash::Blake2x256, _>(contribution, &mut digest);
		ink::scale::Encode::encode(&(id, digest))
	}
}

#[cfg(test)]
mod tests;
