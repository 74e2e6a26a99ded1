// The anchor's Merkle tree and proofs, written from docs/ANCHOR.md (independent of the Rust).
import { stringToU8a, u8aConcat } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';

const LEAF = stringToU8a('itc/dag/leaf/v1');
const NODE = stringToU8a('itc/dag/node/v1');

/** The leaf of transaction `id` (32 bytes) with effect 0 (applied) or 1 (void). */
export function leaf(id, effect) {
  return blake2AsU8a(u8aConcat(LEAF, id, new Uint8Array([effect])), 256);
}

function node(left, right) {
  return blake2AsU8a(u8aConcat(NODE, left, right), 256);
}

function up(level) {
  const next = [];
  for (let i = 0; i < level.length; i += 2) {
    next.push(i + 1 < level.length ? node(level[i], level[i + 1]) : level[i]);
  }
  return next;
}

/** The root over `leaves`; 32 zero bytes for none. */
export function root(leaves) {
  if (leaves.length === 0) return new Uint8Array(32);
  let level = leaves;
  while (level.length > 1) level = up(level);
  return level[0];
}

/** The proof `{ index, leafCount, siblings }` of leaf `index`. */
export function proof(leaves, index) {
  const siblings = [];
  let level = leaves;
  let position = index;
  while (level.length > 1) {
    const sibling = position ^ 1;
    if (sibling < level.length) siblings.push(level[sibling]);
    level = up(level);
    position >>= 1;
  }
  return { index, leafCount: leaves.length, siblings };
}

/** The root a proof leads to from `leafHash` (docs/ANCHOR.md); null if malformed. */
export function rootFromProof(leafHash, { index, leafCount, siblings }) {
  let hash = leafHash; let position = index; let count = leafCount; let used = 0;
  if (index >= leafCount) return null;
  while (count > 1) {
    if (position % 2 === 1) {
      if (used >= siblings.length) return null;
      hash = node(siblings[used++], hash);
    } else if (position + 1 < count) {
      if (used >= siblings.length) return null;
      hash = node(hash, siblings[used++]);
    }
    position = Math.floor(position / 2);
    count = Math.ceil(count / 2);
  }
  return used === siblings.length ? hash : null;
}
