
#[test]
fn opens_libsodium_sealed_box() {
	let sk: [u8; 32] = hex("d2d6aee2b7a64db30e7411faa16ffaad883c9dc4a1df31d428f18d067c90c53a").try_into().unwrap();
	let sealed = hex("fcc39a25b499e0ff8d652a97ccdc71be34aa25d380bf13afc4e46d57683e8b29667bf029468221d19a8c9808499700bbf512a84717454ae8a77099a8480601403d339a2a12ce4d6d975501accedc40e8");
	assert_eq!(sealtest::open(sk, &sealed).unwrap(), b"content key 0123456789abcdef0123");
	let mut bad = sealed.clone(); bad[40] ^= 1;
	assert!(sealtest::open(sk, &bad).is_none());
}
fn hex(s: &str) -> Vec<u8> { (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i+2], 16).unwrap()).collect() }
