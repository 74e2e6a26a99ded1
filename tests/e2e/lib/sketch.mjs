// The ChainCode aggregates (HyperLogLog registers, Bloom bits) as a contributor computes them,
// written from the rules in contracts/chaincode-analytics/sketch.rs's documentation alone.
import { compactToU8a, u8aConcat } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';

export const REGISTERS = 256;
export const BLOOM_BYTES = 128;

/** Empty sketches and `counters` zero counters. */
export function emptyAggregate(counters) {
  return { counters: new Array(counters).fill(0n), registers: new Uint8Array(REGISTERS), bloom: new Uint8Array(BLOOM_BYTES) };
}

/** Adds `item` (bytes) to the aggregate's registers and Bloom bits. */
export function insert(aggregate, item) {
  const h = blake2AsU8a(item, 256);
  const rest = new DataView(h.buffer, h.byteOffset + 1, 8).getBigUint64(0, false);
  let zeros = 0;
  while (zeros < 64 && ((rest >> BigInt(63 - zeros)) & 1n) === 0n) zeros++;
  aggregate.registers[h[0]] = Math.max(aggregate.registers[h[0]], zeros + 1);
  for (let i = 0; i < 3; i++) {
    const bit = (h[16 + 2 * i] | (h[17 + 2 * i] << 8)) % 1024;
    aggregate.bloom[bit >> 3] |= 1 << (bit & 7);
  }
}

/** SCALE of `Aggregate { counters: Vec<u64>, registers: Vec<u8>, bloom: Vec<u8> }`. */
export function encodeAggregate({ counters, registers, bloom }) {
  const u64 = (n) => { const b = new Uint8Array(8); new DataView(b.buffer).setBigUint64(0, BigInt(n), true); return b; };
  return u8aConcat(compactToU8a(counters.length), ...counters.map(u64),
    compactToU8a(registers.length), registers, compactToU8a(bloom.length), bloom);
}

/** The message a device signs to contribute `aggregate` to query `id`: SCALE(id, BLAKE2b-256(aggregate)). */
export function contributionMessage(id, aggregate) {
  const idLe = new Uint8Array(4);
  new DataView(idLe.buffer).setUint32(0, id, true);
  return u8aConcat(idLe, blake2AsU8a(encodeAggregate(aggregate), 256));
}

/** The aggregate as @polkadot/api-contract takes it. */
export function aggregateArg({ counters, registers, bloom }) {
  return { counters: counters.map((c) => c.toString()), registers: Array.from(registers), bloom: Array.from(bloom) };
}
