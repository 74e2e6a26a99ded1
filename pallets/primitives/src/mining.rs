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
}
