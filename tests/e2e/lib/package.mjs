// The data market's package format (docs/DATA_MARKET.md, "The package"), as a client makes and
// checks it with libsodium: data cut into 4,096-byte chunks, each sealed with
// `crypto_secretbox_easy` under the content key and a nonce made of the chunk's index, and a
// Merkle root over the sealed chunks that the listing commits to. Call `await sodium.ready`
// first.
import sodium from 'libsodium-wrappers';

/** Plaintext bytes per chunk (all but the last). */
export const CHUNK = 4096;
/** The Poly1305 tag each sealed chunk starts with. */
export const TAG = 16;
/** Bytes per sealed chunk (all but the last). */
export const SEALED_CHUNK = CHUNK + TAG;

/** The nonce of chunk `index`: the index, little-endian in 8 bytes, then 16 zero bytes. */
export function chunkNonce(index) {
  const nonce = new Uint8Array(24);
  new DataView(nonce.buffer).setBigUint64(0, BigInt(index), true);
  return nonce;
}

/** Chunk `index` of the plaintext, sealed with `key`. */
export function sealChunk(key, index, plain) {
  return sodium.crypto_secretbox_easy(plain, chunkNonce(index), key);
}

/** The sealed chunks of `data` under `key`: at least one (empty data is one empty chunk). */
export function sealChunks(data, key) {
  const count = Math.max(1, Math.ceil(data.length / CHUNK));
  return Array.from({ length: count },
    (_, i) => sealChunk(key, i, data.subarray(i * CHUNK, (i + 1) * CHUNK)));
}

/** The package: the sealed chunks one after another. */
export function concat(parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** A package cut back into its sealed chunks. */
export function split(pkg) {
  const chunks = [];
  for (let at = 0; at < pkg.length || chunks.length === 0; at += SEALED_CHUNK) {
    chunks.push(pkg.subarray(at, at + SEALED_CHUNK));
  }
  return chunks;
}

/** Opens every chunk of `pkg` with `key`; throws `{ index }` at the first that does not open. */
export function open(pkg, key) {
  return concat(split(pkg).map((sealed, index) => {
    try {
      return sodium.crypto_secretbox_open_easy(sealed, chunkNonce(index), key);
    } catch {
      throw Object.assign(new Error(`chunk ${index} does not open`), { index });
    }
  }));
}

const hash = (...parts) => sodium.crypto_generichash(32, concat(parts));
const le32 = (i) => { const b = new Uint8Array(4); new DataView(b.buffer).setUint32(0, i, true); return b; };

/** The leaf of sealed chunk `index`: BLAKE2b-256(0x00 ‖ LE32(index) ‖ sealed). */
export const leaf = (index, sealed) => hash(Uint8Array.of(0), le32(index), sealed);
/** A parent: BLAKE2b-256(0x01 ‖ left ‖ right). */
export const node = (left, right) => hash(Uint8Array.of(1), left, right);
/** The padding leaf: BLAKE2b-256(0x02). */
export const empty = () => hash(Uint8Array.of(2));

/** The tree's levels, leaves (padded to a power of two) first, the root last. */
function levels(chunks) {
  let level = chunks.map((c, i) => leaf(i, c));
  let width = 1;
  while (width < level.length) width *= 2;
  while (level.length < width) level.push(empty());
  const out = [level];
  while (level.length > 1) {
    const up = [];
    for (let i = 0; i < level.length; i += 2) up.push(node(level[i], level[i + 1]));
    out.push(up);
    level = up;
  }
  return out;
}

/** What a listing commits to: `{ root, chunks }`. */
export function commitmentOf(chunks) {
  const all = levels(chunks);
  return { root: all[all.length - 1][0], chunks: chunks.length };
}

/** The Merkle path of chunk `index`: its siblings from the leaf up. */
export function pathOf(chunks, index) {
  const all = levels(chunks);
  return all.slice(0, -1).map((level, depth) => level[(index >> depth) ^ 1]);
}
