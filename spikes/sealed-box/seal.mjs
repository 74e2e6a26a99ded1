import sodium from 'libsodium-wrappers';
await sodium.ready;
const kp = sodium.crypto_box_keypair();
const msg = new TextEncoder().encode('content key 0123456789abcdef0123');
const sealed = sodium.crypto_box_seal(msg, kp.publicKey);
console.log(JSON.stringify({ sk: sodium.to_hex(kp.privateKey), pk: sodium.to_hex(kp.publicKey), sealed: sodium.to_hex(sealed) }));
