#![no_std]
extern crate alloc;
use alloc::vec::Vec;
pub fn open(sk: [u8; 32], sealed: &[u8]) -> Option<Vec<u8>> {
	let sk = crypto_box::SecretKey::from(sk);
	sk.unseal(sealed).ok()
}
