//! A stand-in for the chain extension in `#[ink::test]`s (std only).
//!
//! [`MockChain::register`] installs it in the off-chain test environment; the setters change
//! what it answers. State is per thread, as ink!'s off-chain environment is. Signatures are
//! not real cryptography: a signature verifies when it equals [`MockChain::sign`] of the same
//! code and message (the runtime's real check is tested in the runtime and end to end).

use crate::{DeviceCode, DeviceSignature, DeviceStatus, ListingId, ListingInfo, ManufacturerId};
use ink::{
	primitives::AccountId,
	scale::{Decode, Encode},
};
use std::{cell::RefCell, collections::BTreeMap};

#[derive(Clone)]
struct Device {
	owner: Option<AccountId>,
	manufacturer: ManufacturerId,
	status: DeviceStatus,
}

#[derive(Default)]
struct State {
	devices: BTreeMap<DeviceCode, Device>,
	approved: BTreeMap<ManufacturerId, bool>,
	listings: BTreeMap<ListingId, ListingInfo>,
	calls: u32,
}

thread_local! {
	static STATE: RefCell<State> = RefCell::new(State::default());
}

/// The stand-in. See the module docs.
pub struct MockChain;

impl MockChain {
	/// Forgets every device, manufacturer and listing and installs the stand-in.
	pub fn register() {
		STATE.with(|s| *s.borrow_mut() = State::default());
		ink::env::test::register_chain_extension(MockChain);
	}

	/// Adds an active device of approved manufacturer `manufacturer`, owned by `owner`.
	pub fn add_device(code: DeviceCode, owner: AccountId, manufacturer: ManufacturerId) {
		STATE.with(|s| {
			let mut s = s.borrow_mut();
			let device = Device { owner: Some(owner), manufacturer, status: DeviceStatus::Active };
			s.devices.insert(code, device);
			s.approved.insert(manufacturer, true);
		});
	}

	/// Sets a device's status.
	pub fn set_status(code: DeviceCode, status: DeviceStatus) {
		Self::with_device(code, |d| d.status = status);
	}

	/// Sets a device's owner.
	pub fn set_owner(code: DeviceCode, owner: AccountId) {
		Self::with_device(code, |d| d.owner = Some(owner));
	}

	/// Approves or un-approves a manufacturer.
	pub fn set_approved(manufacturer: ManufacturerId, approved: bool) {
		STATE.with(|s| s.borrow_mut().approved.insert(manufacturer, approved));
	}

	/// Stores a listing.
	pub fn set_listing(id: ListingId, listing: ListingInfo) {
		STATE.with(|s| s.borrow_mut().listings.insert(id, listing));
	}

	/// The signature the stand-in accepts for `message` from device `code`: a keyed SipHash
	/// of both, not cryptography (and computed without the ink! environment, which is busy
	/// while the extension answers).
	pub fn sign(code: DeviceCode, message: &[u8]) -> DeviceSignature {
		use std::hash::{DefaultHasher, Hash, Hasher};
		let mut signature = [0u8; 64];
		for (i, chunk) in signature.chunks_mut(8).enumerate() {
			let mut hasher = DefaultHasher::new();
			(i, code.0, message).hash(&mut hasher);
			chunk.copy_from_slice(&hasher.finish().to_le_bytes());
		}
		DeviceSignature::Ed25519(signature)
	}

	/// How many times contracts called the extension since [`MockChain::register`].
	pub fn calls() -> u32 {
		STATE.with(|s| s.borrow().calls)
	}

	fn with_device(code: DeviceCode, f: impl FnOnce(&mut Device)) {
		STATE.with(|s| f(s.borrow_mut().devices.get_mut(&code).expect("the test added it")));
	}

	fn answer(func_id: u16, mut input: &[u8]) -> Result<Vec<u8>, u32> {
		let code = |input: &mut &[u8]| DeviceCode::decode(input).expect("a device code");
		STATE.with(|s| {
			let mut s = s.borrow_mut();
			s.calls = s.calls.saturating_add(1);
			let device = |code: &DeviceCode| s.devices.get(code).cloned();
			Ok(match func_id {
				1 => device(&code(&mut input)).map(|d| d.status).encode(),
				2 => device(&code(&mut input)).and_then(|d| d.owner).encode(),
				3 => device(&code(&mut input)).map(|d| d.manufacturer).encode(),
				4 => device(&code(&mut input))
					.is_some_and(|d| {
						d.status == DeviceStatus::Active
							&& s.approved.get(&d.manufacturer) == Some(&true)
					})
					.encode(),
				5 => {
					let id = ManufacturerId::decode(&mut input).expect("a manufacturer id");
					(s.approved.get(&id) == Some(&true)).encode()
				},
				6 => {
					let id = ListingId::decode(&mut input).expect("a listing id");
					s.listings.get(&id).cloned().encode()
				},
				7 => {
					let (code, message, signature) =
						<(DeviceCode, Vec<u8>, DeviceSignature)>::decode(&mut input)
							.expect("a signature check");
					if message.len() > 1024 {
						return Err(1);
					}
					(s.devices.contains_key(&code) && signature == Self::sign(code, &message))
						.encode()
				},
				_ => panic!("the runtime has no function {func_id}"),
			})
		})
	}
}

impl ink::env::test::ChainExtension for MockChain {
	fn ext_id(&self) -> u16 {
		0
	}

	fn call(&mut self, func_id: u16, input: &[u8], output: &mut Vec<u8>) -> u32 {
		// ink!'s off-chain engine hands over the input SCALE-encoded once more, as a `Vec<u8>`.
		let input = Vec::<u8>::decode(&mut &input[..]).expect("the engine's encoding");
		match Self::answer(func_id, &input) {
			Ok(answer) => {
				*output = answer;
				0
			},
			Err(status) => status,
		}
	}
}
