// DAG transactions made on the client side from docs/DAG.md alone: layout, id, signature and
// proof of work. The e2e tests check the node against this independent implementation.
import { compactToU8a, stringToU8a, u8aConcat } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';

/** `value` as `bytes` little-endian bytes. */
export function le(value, bytes) {
  const out = new Uint8Array(bytes);
  let v = BigInt(value);
  for (let i = 0; i < bytes; i++) { out[i] = Number(v & 0xffn); v >>= 8n; }
  return out;
}

/** SCALE of the essence: sender, seq, parents, timestamp, payload. */
export function essenceBytes({ sender, seq, parents, timestampMs, payload }) {
  let body;
  if (payload.transfer) {
    body = u8aConcat([0], payload.transfer.to, le(payload.transfer.amount, 16));
  } else {
    const { digest, size, cid } = payload.record;
    const cidBytes = cid ? u8aConcat([1], compactToU8a(cid.length), cid) : new Uint8Array([0]);
    body = u8aConcat([1], digest, le(size, 8), cidBytes);
  }
  return u8aConcat(sender, le(seq, 8), parents[0], parents[1], le(timestampMs, 8), body);
}

/** The bytes the sender signs. */
export function message(genesis, essence) {
  return u8aConcat(stringToU8a('itc/dag/tx/v1'), genesis, essenceBytes(essence));
}

/** Leading zero bits of a hash. */
export function leadingZeros(hash) {
  let zeros = 0;
  for (const byte of hash) {
    if (byte === 0) { zeros += 8; continue; }
    return zeros + Math.clz32(byte) - 24;
  }
  return zeros;
}

/** The first nonce whose work hash has `difficulty` leading zero bits. */
export function solve(id, difficulty) {
  const context = stringToU8a('itc/dag/pow/v1');
  for (let nonce = 0n; ; nonce++) {
    if (leadingZeros(blake2AsU8a(u8aConcat(context, id, le(nonce, 8)), 256)) >= difficulty) return nonce;
  }
}

/** Signs `essence` with the ed25519 `pair` and stamps it: { id, bytes }. */
export function makeTx(genesis, essence, pair, difficulty) {
  const msg = message(genesis, essence);
  const id = blake2AsU8a(msg, 256);
  const nonce = solve(id, difficulty);
  return { id, bytes: u8aConcat(essenceBytes(essence), le(nonce, 8), pair.sign(msg)) };
}
