// The anchor's Merkle tree and proofs, written from docs/ANCHOR.md (independent of the Rust),
// and the set-up the anchor tests share.
import { Keyring } from '@polkadot/keyring';
import { hexToU8a, stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';
import { makeTx } from './dag.mjs';
import { rpc, waitFor } from './node.mjs';
import { activeDevices } from './setup.mjs';
import { send } from './tx.mjs';

const LEAF = stringToU8a('itc/dag/leaf/v1');
const NODE = stringToU8a('itc/dag/node/v1');

/** The effects as `dag_proof` and `dag_status` name them, at their byte in the leaf. */
export const EFFECTS = ['applied', 'void', 'void-no-recipient', 'void-inactive-sender', 'void-conflict'];

/** The leaf of transaction `id` (32 bytes) with effect byte `effect` (an index of EFFECTS). */
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

/**
 * What the anchor tests share on a running `--dev` node: two active devices with 1 ITC
 * locked in micro-accounts each (the locks finalized, as the DAG service reads them there),
 * and helpers to make DAG transactions of theirs.
 * Returns { keys, codes, call(method, params), submit(device, payload) -> id, record(tag) }.
 */
export async function anchoringSetUp(api, rpcPort, prefix) {
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const [alice, maker, owner] = ['//Alice', '//Bob', '//Charlie'].map((u) => keyring.addFromUri(u));
  const deviceRing = new Keyring({ type: 'ed25519', ss58Format: 42 });
  const keys = [0, 1].map((i) => deviceRing.addFromUri(`//e2e-${prefix}-device-${i}`));
  const { codes } = await activeDevices(api, { alice, maker, owner }, keys, { prefix });
  for (const key of keys) {
    const r = await send(api, api.tx.dagAccounts.lock(key.address, 10n ** 12n), owner);
    if (r.error) throw new Error(`lock: ${r.error}`);
  }
  const best = (await api.rpc.chain.getHeader()).number.toNumber();
  await waitFor(async () => (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber() >= best,
    60_000, 'the locks finalized');
  const call = async (method, params) => {
    const res = await rpc(rpcPort, method, params);
    if (res.error) { const e = new Error(res.error.message); e.code = res.error.code; throw e; }
    return res.result;
  };
  const genesis = api.genesisHash.toU8a();
  const seqs = [0, 0];
  const submit = async (i, payload) => {
    const limits = await call('dag_limits', []);
    const essence = {
      sender: keys[i].publicKey, seq: seqs[i]++, parents: limits.tips.map((t) => hexToU8a(t)),
      timestampMs: Date.now(), payload,
    };
    const { id, bytes } = makeTx(genesis, essence, keys[i], limits.difficulty);
    const accepted = await call('dag_submit', [u8aToHex(bytes)]);
    if (accepted !== u8aToHex(id)) throw new Error(`dag_submit answered ${accepted}`);
    return u8aToHex(id);
  };
  const record = (tag) => ({ record: { digest: new Uint8Array(32).fill(tag), size: 64, cid: null } });
  return { keys, codes, call, submit, record, seqs, genesis };
}
