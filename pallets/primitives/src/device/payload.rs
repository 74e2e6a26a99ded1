//! The messages a device key signs.
//!
//! Each starts with a context string (raw ASCII, no length prefix), so that a signature made
//! for one purpose is worthless for any other, and contains the chain's genesis hash, so that
//! it is worthless on any other chain. The device's nonce (read it from the chain) makes each
//! signature single-use: the pallet accepts a proof only for the current nonce and then
//! increments it.
//!
//! ```text
//! claim    = "itc/device/claim/v1"    ‖ genesis hash (32) ‖ code (15) ‖ owner account (32)
//!                                     ‖ nonce (u32 LE)
//! firmware = "itc/device/firmware/v1" ‖ genesis hash (32) ‖ code (15)
//!                                     ‖ compact(len(version)) ‖ version ‖ nonce (u32 LE)
//! contract = "itc/device/contract/v1" ‖ genesis hash (32) ‖ code (15) ‖ contract account (32)
//!                                     ‖ message
//! ```
//!
//! A contract payload is what the chain extension's `verify_device_signature` checks: the
//! runtime supplies the genesis hash and the calling contract's account, so a device's
//! signature for one contract is worthless to another; the contract's message carries the
//! contract's own nonce, which makes it single-use.
//!
//! The device signs these bytes as they are (no hashing, no `<Bytes>` wrapping).

use super::DeviceCode;
use alloc::vec::Vec;
use codec::Encode;

/// Context of a claim proof.
pub const CLAIM_CONTEXT: &[u8] = b"itc/device/claim/v1";
/// Context of a firmware report.
pub const FIRMWARE_CONTEXT: &[u8] = b"itc/device/firmware/v1";

/// Context of a message signed for a contract.
pub const CONTRACT_CONTEXT: &[u8] = b"itc/device/contract/v1";

/// The message a device signs to let `owner` claim it.
pub fn claim_payload<Hash: Encode, AccountId: Encode>(
	genesis_hash: &Hash,
	code: &DeviceCode,
	owner: &AccountId,
	nonce: u32,
) -> Vec<u8> {
	let mut message = CLAIM_CONTEXT.to_vec();
	(genesis_hash, code, owner, nonce).encode_to(&mut message);
	message
}

/// The message a device signs to report that it runs firmware `version`.
pub fn firmware_payload<Hash: Encode>(
	genesis_hash: &Hash,
	code: &DeviceCode,
	version: &[u8],
	nonce: u32,
) -> Vec<u8> {
	let mut message = FIRMWARE_CONTEXT.to_vec();
	(genesis_hash, code, version, nonce).encode_to(&mut message);
	message
}

/// What a device signs for contract `contract` that asks the chain extension to verify
/// `message`.
pub fn contract_payload<Hash: Encode, AccountId: Encode>(
	genesis_hash: &Hash,
	code: &DeviceCode,
	contract: &AccountId,
	message: &[u8],
) -> Vec<u8> {
	let mut payload = CONTRACT_CONTEXT.to_vec();
	(genesis_hash, code, contract).encode_to(&mut payload);
	payload.extend_from_slice(message);
	payload
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn claim_payload_is_the_documented_concatenation() {
		let code = DeviceCode([9u8; 15]);
		let message = claim_payload(&[1u8; 32], &code, &[2u8; 32], 0x0403_0201);
		let expected = [CLAIM_CONTEXT, &[1u8; 32], &[9u8; 15], &[2u8; 32], &[1, 2, 3, 4]].concat();
		assert_eq!(message, expected);
	}

	#[test]
	fn firmware_payload_is_the_documented_concatenation() {
		let code = DeviceCode([9u8; 15]);
		let message = firmware_payload(&[1u8; 32], &code, b"1.2.0", 7);
		let expected =
			[FIRMWARE_CONTEXT, &[1u8; 32], &[9u8; 15], &[20], b"1.2.0", &[7, 0, 0, 0]].concat();
		assert_eq!(message, expected);
	}

	#[test]
	fn contract_payload_is_the_documented_concatenation() {
		let code = DeviceCode([9u8; 15]);
		let message = contract_payload(&[1u8; 32], &code, &[3u8; 32], b"rent:7");
		let expected = [CONTRACT_CONTEXT, &[1u8; 32], &[9u8; 15], &[3u8; 32], b"rent:7"].concat();
		assert_eq!(message, expected);
	}
}
