// The DAG service, end to end: real nodes, devices registered and claimed on chain, DAG
// transactions made here from docs/DAG.md (layout, id, ed25519, proof of work) and sent over
// the `dag_*` JSON-RPC methods; two nodes gossip them; a node restarts on its database.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { WsProvider } from '@polkadot/api';
import { connect, rpc, startNode, waitFor } from './lib/node.mjs';
import { makeTx } from './lib/dag.mjs';
import { activeDevices } from './lib/setup.mjs';
import { send } from './lib/tx.mjs';

const ITC = 10n ** 12n;
// Fixed network keys (validators need one): test values, never used outside this test.
const NODE_KEY_A = '0x' + '11'.repeat(32);
const NODE_KEY_B = '0x' + '22'.repeat(32);

describe('DAG micro-transactions over JSON-RPC and gossip', () => {
  let nodeA; let nodeB;
  let api;
  let alice; let maker; let owner;
  let keys; // devices' ed25519 key pairs
  let genesis;
  let difficulty;
  const seqs = new Map();

  /** Calls `method` on node `node`: resolves with the result, rejects with the JSON-RPC error. */
  const call = async (node, method, params) => {
    const res = await rpc(node.rpcPort, method, params);
    if (res.error) { const e = new Error(res.error.message); e.code = res.error.code; throw e; }
    return res.result;
  };
  /** A transaction by device `i` (next sequence number unless given) approving two tips of `node`. */
  const tx = async (node, i, payload, { seq, parents } = {}) => {
    const limits = await call(node, 'dag_limits', []);
    const next = seq ?? (seqs.get(i) ?? 0);
    if (seq === undefined) seqs.set(i, next + 1);
    const essence = {
      sender: keys[i].publicKey,
      seq: next,
      parents: parents ?? limits.tips.map((t) => hexToU8a(t)),
      timestampMs: Date.now(),
      payload,
    };
    return makeTx(genesis, essence, keys[i], difficulty);
  };
  const record = (tag) => ({ record: { digest: new Uint8Array(32).fill(tag), size: 64, cid: null } });

  before(async () => {
    await cryptoWaitReady();
    // Two validators of `local_testnet`, connected over loopback.
    nodeA = await startNode(['--chain', 'local', '--alice', '--validator', '--node-key', NODE_KEY_A]);
    const peerId = await call(nodeA, 'system_localPeerId', []);
    nodeB = await startNode(['--chain', 'local', '--bob', '--validator', '--node-key', NODE_KEY_B,
      '--bootnodes', `/ip4/127.0.0.1/tcp/${nodeA.p2pPort}/p2p/${peerId}`]);
    api = await connect(nodeA.rpcUrl);
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    [alice, maker, owner] = ['//Alice', '//Bob', '//Charlie'].map((u) => keyring.addFromUri(u));
    const deviceRing = new Keyring({ type: 'ed25519', ss58Format: 42 });
    keys = [0, 1].map((i) => deviceRing.addFromUri(`//e2e-dag-device-${i}`));
    genesis = api.genesisHash.toU8a();
    await activeDevices(api, { alice, maker, owner }, keys, { prefix: 'DAG' });
    // The owner locks 1 ITC for device 0's DAG spending.
    const r = await send(api, api.tx.dagAccounts.lock(keys[0].address, ITC), owner);
    assert.equal(r.error, undefined);
    difficulty = (await call(nodeA, 'dag_limits', [])).difficulty;
    // The DAG service reads devices and locks at the finalized block.
    const best = (await api.rpc.chain.getHeader()).number.toNumber();
    await waitFor(async () => {
      const head = await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead());
      return head.number.toNumber() >= best;
    }, 60_000, 'the setup to be finalized');
  });

  after(async () => {
    await api?.disconnect();
    await nodeA?.stop();
    await nodeB?.stop();
  });

  test('a device-signed record is accepted under the id computed here', async () => {
    const limits = await call(nodeA, 'dag_limits', []);
    assert.equal(limits.genesis, u8aToHex(genesis));
    assert.equal(limits.difficulty, 12);
    const { id, bytes } = await tx(nodeA, 0, record(1));
    assert.equal(await call(nodeA, 'dag_submit', [u8aToHex(bytes)]), u8aToHex(id));
    assert.equal((await call(nodeA, 'dag_status', [u8aToHex(id)]))?.status, 'pending');
    // Submitting it again is harmless.
    assert.equal(await call(nodeA, 'dag_submit', [u8aToHex(bytes)]), u8aToHex(id));
  });

  test('garbage, forgeries, overspends and reused numbers get JSON-RPC errors', async () => {
    const code = async (params) => call(nodeA, 'dag_submit', params).then(() => 0, (e) => e.code);
    assert.equal(await code(['0x1234']), 9000);
    assert.notEqual(await code(['not hex']), 0);
    assert.notEqual(await code([]), 0);
    const good = await tx(nodeA, 1, record(2), { seq: 0 });
    assert.equal(await code([u8aToHex(good.bytes.slice(0, -1))]), 9000, 'truncated');
    const forged = good.bytes.slice();
    forged[forged.length - 1] ^= 1;
    assert.equal(await code([u8aToHex(forged)]), 9001, 'bad signature');
    const lazy = good.bytes.slice();
    lazy.set(new Uint8Array(8).fill(0xff), lazy.length - 72); // another nonce
    assert.equal(await code([u8aToHex(lazy)]), 9001, 'insufficient work');
    // A key no device has.
    const stranger = new Keyring({ type: 'ed25519' }).addFromUri('//not-a-device');
    const keysBefore = keys;
    keys = [...keys, stranger];
    const unknown = await tx(nodeA, 2, record(3), { seq: 0 });
    keys = keysBefore;
    assert.equal(await code([u8aToHex(unknown.bytes)]), 9002, 'not an active device');
    // More than the 1 ITC locked.
    const overspend = await tx(nodeA, 0, { transfer: { to: keys[1].publicKey, amount: 2n * ITC } }, { seq: 1 });
    assert.equal(await code([u8aToHex(overspend.bytes)]), 9002, 'insufficient balance');
    // Device 0's number 0 again, another payload.
    const twin = await tx(nodeA, 0, record(4), { seq: 0 });
    assert.equal(await code([u8aToHex(twin.bytes)]), 9003, 'conflict');
    // The node still works.
    assert.ok((await call(nodeA, 'system_health', [])).peers >= 1);
  });

  test('a transaction submitted to one node is confirmed on both', async () => {
    const first = await tx(nodeA, 1, record(10), { seq: 0 });
    await call(nodeA, 'dag_submit', [u8aToHex(first.bytes)]);
    seqs.set(1, 1);
    const id = u8aToHex(first.id);
    await waitFor(async () => (await call(nodeB, 'dag_status', [id])) !== null, 20_000, 'the transaction on node B');
    // Approvals: each new transaction approves the tips, so the first gains weight.
    for (let i = 0; i < 10; i++) {
      const next = await tx(i % 2 ? nodeB : nodeA, 1, record(11 + i));
      await call(i % 2 ? nodeB : nodeA, 'dag_submit', [u8aToHex(next.bytes)]);
    }
    for (const node of [nodeA, nodeB]) {
      await waitFor(async () => (await call(node, 'dag_status', [id]))?.status === 'confirmed', 20_000, 'confirmation');
    }
  });

  test('a gateway submits a batch; confirmations arrive on the subscription', async () => {
    const confirmed = [];
    const provider = new WsProvider(nodeA.rpcUrl);
    try {
      await provider.isReady;
      // The notification's method name is `dag_confirmation`.
      await provider.subscribe('dag_confirmation', 'dag_subscribeConfirmations', [], (err, id) => {
        if (!err) confirmed.push(id);
      });
      // Ten records approving the same two tips: those tips gain weight 10 at once.
      const tips = (await call(nodeA, 'dag_limits', [])).tips;
      const batch = [];
      for (let i = 0; i < 10; i++) {
        batch.push(u8aToHex((await tx(nodeA, 1, record(40 + i), { parents: tips.map((t) => hexToU8a(t)) })).bytes));
      }
      const results = await call(nodeA, 'dag_submitBatch', [[...batch, '0x1234']]);
      assert.equal(results.length, 11);
      assert.ok(results.slice(0, 10).every((r) => r.id && r.error === null), JSON.stringify(results));
      assert.equal(results[10].error[0], 9000);
      // Tips have no approvals (weight 1): now each must be confirmed and reported, unless it is
      // a conflicting transaction (test 2 left one), which never confirms.
      const settled = async (t) => confirmed.includes(t) || (await call(nodeA, 'dag_status', [t]))?.status === 'conflicting';
      await waitFor(async () => (await Promise.all(tips.map(settled))).every(Boolean), 10_000, 'the confirmations');
      assert.ok(tips.some((t) => confirmed.includes(t)), 'at least one confirmation reported');
    } finally {
      await provider.disconnect();
    }
  });

  test('a node restarted on its database still has the DAG and catches up on what it missed', async () => {
    const tips = await call(nodeB, 'dag_tips', []);
    const { base } = nodeB;
    await nodeB.stop({ keep: true });
    // While B is down, A takes a chain of five records.
    const missed = [];
    for (let i = 0; i < 5; i++) {
      const next = await tx(nodeA, 1, record(60 + i));
      missed.push(await call(nodeA, 'dag_submit', [u8aToHex(next.bytes)]));
    }
    const peerId = await call(nodeA, 'system_localPeerId', []);
    nodeB = await startNode(['--chain', 'local', '--bob', '--validator', '--node-key', NODE_KEY_B,
      '--bootnodes', `/ip4/127.0.0.1/tcp/${nodeA.p2pPort}/p2p/${peerId}`], { base });
    for (const tip of tips) {
      assert.notEqual(await call(nodeB, 'dag_status', [tip]), null, 'restored from the database');
    }
    // Once connected, A sends B its tips, and B asks A for what it lacks below them, back to
    // what it has: the five arrive without any new transaction.
    for (const id of missed) {
      await waitFor(async () => (await call(nodeB, 'dag_status', [id])) !== null, 30_000, `${id} on node B`);
    }
    // And new transactions reach B as before.
    const last = await tx(nodeA, 1, record(70));
    const lastId = await call(nodeA, 'dag_submit', [u8aToHex(last.bytes)]);
    await waitFor(async () => (await call(nodeB, 'dag_status', [lastId])) !== null, 20_000, 'the next one on node B');
  });
});
