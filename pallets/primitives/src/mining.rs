//! What devices report for edge mining, and where other pallets add verified evidence.
//!
//! A device signs one [`WorkReport`] per era:
//!
//! ```text
//! report = "itc/mining/report/v1" ‖ genesis hash (32) ‖ code (15) ‖ era (u32 LE)
//!          ‖ uptime (u32 LE, parts per million of the era) ‖ records (u64 LE)
//!          ‖ coverage cell (Option<u64>: 0x00, or 0x01 ‖ u64 LE)
//! ```
//!
//! The era makes the signature single-use (the pallet takes one report per device per era);
//! the genesis hash makes it worthless on another chain; the context worthless for any other
//! purpose. The device signs the bytes as they are.

use crate::device::DeviceCode;
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// Context of a work report.
pub const REPORT_CONTEXT: &[u8] = b"itc/mining/report/v1";

/// Index of a mining era (a wall-clock day since genesis; see [`crate::emission`]).
pub type EraIndex = u32;

/// A device's own account of its work in one era.
#[derive(
	Clone,
	Copy,
	Debug,
	Default,
	Eq,
	PartialEq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct WorkReport {
	/// The era reported on.
	pub era: EraIndex,
	/// Share of the era the device was up, in parts per million (at most 1,000,000).
	pub uptime_ppm: u32,
	/// Data records the device produced in the era.
	pub records: u64,
	/// The coverage cell the device served (an H3 index), if it has a location.
	pub coverage_cell: Option<u64>,
}

/// The message device `code` signs to report `report`.
pub fn report_payload<Hash: Encode>(
	genesis_hash: &Hash,
	code: &DeviceCode,
	report: &WorkReport,
) -> Vec<u8> {
	let mut message = REPORT_CONTEXT.to_vec();
	(genesis_hash, code, report).encode_to(&mut message);
	message
}

/// Work verified for a device by something other than the device itself: the DAG anchor
/// bridge counts the device's data records in finalized anchors.
pub trait WorkEvidence {
	/// Data records of device `code` anchored in era `era`.
	fn anchored_records(code: &DeviceCode, era: EraIndex) -> u64;
}

/// No evidence besides the devices' own reports.
impl WorkEvidence for () {
	fn anchored_records(_: &DeviceCode, _: EraIndex) -> u64 {
		0
	}
}

/// Money spent on a device's data: the market fees of its sales settled in an era. Unlike a
/// device's claims, it costs whoever fakes it the fee.
pub trait MarketEvidence<Balance> {
	/// Market fees of the sales of device `code`'s data settled in era `era`.
	fn settled_fees(code: &DeviceCode, era: EraIndex) -> Balance;

	/// Records `fees` for device `code` in era `era`, for benchmarks of pallets that read it.
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_set_fees(code: &DeviceCode, era: EraIndex, fees: Balance);
}

/// No market.
impl<Balance: Default> MarketEvidence<Balance> for () {
	fn settled_fees(_: &DeviceCode, _: EraIndex) -> Balance {
		Balance::default()
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_set_fees(_: &DeviceCode, _: EraIndex, _: Balance) {}
}

/// A quantity counted per era for the last two eras that had any: enough for edge mining,
/// which reads era `e` during era `e + 1`.
#[derive(
	Clone,
	Copy,
	Debug,
	Default,
	Eq,
	PartialEq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct EraTally<V> {
	/// The latest era with a count, and the count.
	pub latest: (EraIndex, V),
	/// The era before it that had a count, and the count.
	pub previous: (EraIndex, V),
}

impl<V: Copy + Default + PartialEq + sp_runtime::Saturating> EraTally<V> {
	/// The count of `era`, if it is one of the two remembered.
	pub fn of(&self, era: EraIndex) -> V {
		if self.latest.0 == era {
			self.latest.1
		} else if self.previous.0 == era {
			self.previous.1
		} else {
			V::default()
		}
	}

	/// Adds `amount` to `era` (the current era: never older than `latest`).
	pub fn add(&mut self, era: EraIndex, amount: V) {
		if self.latest.1 != V::default() && self.latest.0 != era {
			self.previous = self.latest;
			self.latest = (era, V::default());
		}
		self.latest.0 = era;
		self.latest.1 = self.latest.1.saturating_add(amount);
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn the_payload_has_the_documented_bytes() {
		let code = DeviceCode([0xab; 15]);
		let report =
			WorkReport { era: 7, uptime_ppm: 999_000, records: 1_440, coverage_cell: Some(9) };
		let message = report_payload(&[0x11u8; 32], &code, &report);
		let mut expected = b"itc/mining/report/v1".to_vec();
		expected.extend([0x11; 32]);
		expected.extend([0xab; 15]);
		expected.extend(7u32.to_le_bytes());
		expected.extend(999_000u32.to_le_bytes());
		expected.extend(1_440u64.to_le_bytes());
		expected.push(1);
		expected.extend(9u64.to_le_bytes());
		assert_eq!(message, expected);

		let none = WorkReport { coverage_cell: None, ..report };
		assert_eq!(report_payload(&[0x11u8; 32], &code, &none).last(), Some(&0));
	}

	#[test]
	fn a_tally_remembers_the_last_two_eras_with_counts() {
		let mut tally = EraTally::<u64>::default();
		tally.add(3, 5);
		tally.add(3, 2);
		assert_eq!((tally.of(3), tally.of(2)), (7, 0));
		tally.add(5, 1);
		assert_eq!((tally.of(3), tally.of(5), tally.of(4)), (7, 1, 0));
		tally.add(6, 4);
		assert_eq!((tally.of(3), tally.of(5), tally.of(6)), (0, 1, 4));
		tally.add(6, u64::MAX);
		assert_eq!(tally.of(6), u64::MAX, "saturates");
	}

	#[test]
	fn a_tally_keeps_the_encoding_of_a_pair_of_pairs() {
		let tally = EraTally { latest: (9u32, 3u64), previous: (8, 1) };
		assert_eq!(tally.encode(), ((9u32, 3u64), (8u32, 1u64)).encode());
	}
}
