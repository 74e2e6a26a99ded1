//! The device code: derivation and human form.
//!
//! ## Derivation
//!
//! ```text
//! code = blake2b-256( "itc/device-code/v1"
//!                   ‖ manufacturer id   (u32, little endian)
//!                   ‖ compact(len(model))  ‖ model
//!                   ‖ compact(len(serial)) ‖ serial
//!                   ‖ key type (0x00 ed25519, 0x01 sr25519) ‖ public key (32 bytes) )[0..15]
//! ```
//!
//! That is the SCALE encoding of `(manufacturer, model, serial, key)` after the 18 ASCII bytes
//! of the context string, hashed with unkeyed 32-byte BLAKE2b, truncated to its first 15 bytes
//! (120 bits: a collision needs about 2^60 registrations, a chosen second code 2^120 hashes).
//!
//! ## Human form
//!
//! The 120 bits read as a big-endian integer, written as 24 Crockford base32 digits
//! (`0123456789ABCDEFGHJKMNPQRSTVWXYZ`), followed by Crockford's check symbol (the integer
//! modulo 37, one of the 32 digits or `*~$=U`), grouped in fives behind an `ITC` prefix:
//! `ITC-XXXXX-XXXXX-XXXXX-XXXXX-XXXXC`. Parsing ignores case and hyphens, reads `I`/`L` as
//! `1` and `O` as `0`, and rejects a wrong check symbol: every single-symbol error and every
//! swap of two adjacent symbols is detected.

use super::{DeviceKey, ManufacturerId};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// Context prefixed to the hashed fields, so the hash means nothing else.
const CODE_CONTEXT: &[u8; 18] = b"itc/device-code/v1";
/// Crockford base32 digits.
const DIGITS: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Crockford check symbols: the 32 digits and five more.
const CHECK_SYMBOLS: &[u8; 37] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ*~$=U";
/// Bytes of a code.
const CODE_BYTES: usize = 15;
/// Base32 digits of a code.
const CODE_DIGITS: usize = 24;
/// Length of the human form: `ITC` and five hyphen-led groups of five.
pub const HUMAN_CODE_LEN: usize = 3 + 5 * 6;

/// The unique identification code of a device.
#[derive(
	Copy,
	Clone,
	Eq,
	PartialEq,
	Ord,
	PartialOrd,
	Hash,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct DeviceCode(pub [u8; CODE_BYTES]);

impl DeviceCode {
	/// Derives the code of a device; see the module docs for the exact bytes.
	pub fn derive(
		manufacturer: ManufacturerId,
		model: &[u8],
		serial: &[u8],
		key: &DeviceKey,
	) -> Self {
		let mut preimage = CODE_CONTEXT.to_vec();
		(manufacturer, model, serial, key).encode_to(&mut preimage);
		let hash = sp_io::hashing::blake2_256(&preimage);
		let mut code = [0u8; CODE_BYTES];
		code.copy_from_slice(&hash[..CODE_BYTES]);
		Self(code)
	}

	/// The code as an integer (big endian); below 2^120.
	fn value(&self) -> u128 {
		self.0.iter().fold(0u128, |acc, byte| (acc << 8) | u128::from(*byte))
	}

	/// The printable form, `ITC-XXXXX-XXXXX-XXXXX-XXXXX-XXXXC`.
	pub fn to_human(&self) -> [u8; HUMAN_CODE_LEN] {
		let value = self.value();
		let mut symbols = [0u8; CODE_DIGITS + 1];
		for (i, symbol) in symbols.iter_mut().take(CODE_DIGITS).enumerate() {
			let shift = 5 * (CODE_DIGITS - 1 - i);
			*symbol = DIGITS[((value >> shift) & 31) as usize];
		}
		symbols[CODE_DIGITS] = CHECK_SYMBOLS[(value % 37) as usize];
		let mut out = [b'-'; HUMAN_CODE_LEN];
		out[..3].copy_from_slice(b"ITC");
		for (i, symbol) in symbols.iter().enumerate() {
			out[3 + (i / 5) * 6 + 1 + i % 5] = *symbol;
		}
		out
	}

	/// Parses the printable form; `None` if it is malformed or its check symbol is wrong.
	pub fn from_human(text: &[u8]) -> Option<Self> {
		let mut symbols = text.iter().filter(|c| **c != b'-').map(u8::to_ascii_uppercase);
		if text.len() > 2 * HUMAN_CODE_LEN {
			return None;
		}
		let prefix: [Option<u8>; 3] = [symbols.next(), symbols.next(), symbols.next()];
		if prefix != [Some(b'I'), Some(b'T'), Some(b'C')] {
			return None;
		}
		let mut value = 0u128;
		for _ in 0..CODE_DIGITS {
			value = (value << 5) | u128::from(digit_value(symbols.next()?)?);
		}
		let check = symbols.next()?;
		if symbols.next().is_some() || CHECK_SYMBOLS[(value % 37) as usize] != check {
			return None;
		}
		let bytes = value.to_be_bytes();
		let mut code = [0u8; CODE_BYTES];
		code.copy_from_slice(&bytes[16 - CODE_BYTES..]);
		Some(Self(code))
	}
}

/// Value of a Crockford base32 digit (upper case), with the usual aliases.
fn digit_value(symbol: u8) -> Option<u8> {
	let symbol = match symbol {
		b'O' => b'0',
		b'I' | b'L' => b'1',
		other => other,
	};
	DIGITS.iter().position(|d| *d == symbol).map(|p| p as u8)
}

#[cfg(test)]
mod tests {
	use super::*;
	use sp_core::{ed25519, Pair};

	fn example() -> DeviceCode {
		let key = DeviceKey::Ed25519(ed25519::Public::from_raw([7u8; 32]));
		DeviceCode::derive(1, b"TH-100", b"SN0001", &key)
	}

	#[test]
	fn derivation_matches_documented_bytes() {
		let key = ed25519::Pair::from_seed(&[1u8; 32]).public();
		let code = DeviceCode::derive(3, b"M", b"S", &DeviceKey::Ed25519(key));
		let mut preimage = b"itc/device-code/v1".to_vec();
		preimage.extend_from_slice(&3u32.to_le_bytes());
		preimage.extend_from_slice(&[4, b'M', 4, b'S', 0]);
		preimage.extend_from_slice(&key.0);
		assert_eq!(code.0[..], sp_io::hashing::blake2_256(&preimage)[..15]);
	}

	#[test]
	fn documented_test_vector_holds() {
		// docs/DEVICES.md quotes this vector; firmware implementations check against it.
		let code = example();
		assert_eq!(
			code.0.iter().map(|b| format!("{b:02x}")).collect::<String>(),
			"0516e47ab91d38c30b04295a359986"
		);
		assert_eq!(&code.to_human(), b"ITC-0MBE8-YNS3M-WC62R-455D3-B6C65");
	}

	#[test]
	fn human_form_round_trips() {
		for seed in 0u8..50 {
			let key = DeviceKey::Sr25519(sp_core::sr25519::Public::from_raw([seed; 32]));
			let code = DeviceCode::derive(u32::from(seed), b"model", &[seed], &key);
			let human = code.to_human();
			assert_eq!(DeviceCode::from_human(&human), Some(code));
			assert_eq!(DeviceCode::from_human(&human.to_ascii_lowercase()), Some(code));
			let compact: Vec<u8> = human.iter().copied().filter(|c| *c != b'-').collect();
			assert_eq!(DeviceCode::from_human(&compact), Some(code));
		}
	}

	#[test]
	fn check_symbol_catches_typos_and_swaps() {
		let human = example().to_human();
		let positions: Vec<usize> = (4..HUMAN_CODE_LEN).filter(|i| human[*i] != b'-').collect();
		for &i in &positions {
			for &digit in DIGITS.iter().chain(b"*~$=U") {
				if digit == human[i] {
					continue;
				}
				let mut typo = human;
				typo[i] = digit;
				assert_eq!(DeviceCode::from_human(&typo), None, "typo at {i} to {}", digit as char);
			}
		}
		for pair in positions.windows(2) {
			let mut swapped = human;
			swapped.swap(pair[0], pair[1]);
			if swapped != human {
				assert_eq!(DeviceCode::from_human(&swapped), None);
			}
		}
	}

	#[test]
	fn malformed_human_forms_are_rejected() {
		let human = example().to_human();
		assert_eq!(DeviceCode::from_human(b""), None);
		assert_eq!(DeviceCode::from_human(&human[..HUMAN_CODE_LEN - 1]), None);
		assert_eq!(DeviceCode::from_human(&[&human[..], b"0"].concat()), None);
		assert_eq!(DeviceCode::from_human(&[b"XTC", &human[3..]].concat()), None);
		assert_eq!(DeviceCode::from_human(&[0xffu8; 40]), None);
		assert_eq!(DeviceCode::from_human(&[b'-'; 1000]), None);
	}
}
