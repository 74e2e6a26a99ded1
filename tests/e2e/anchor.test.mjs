// The DAG anchor bridge's on-chain half, end to end: the real `--dev` node opens epochs, its
// off-chain worker picks up a summary from the node's off-chain database, signs it with
// Alice's Aura key and submits it as an authorized transaction; the anchor settles two
// micro-accounts, credits records, and inclusion proofs made here verify against it.
//
// The summary is written here over `offchain_localStorageSet` (an unsafe RPC method, served
// on localhost) where the node's DAG service will write it once it cuts batches itself.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { stringToU8a, u8aConcat, u8aToHex, u8aCmp } from '@polkadot/util';
import { cryptoWaitReady, blake2AsU8a } from '@polkadot/util-crypto';
import { connect, rpc, startNode, waitFor } from './lib/node.mjs';
import { activeDevices } from './lib/setup.mjs';
import { send } from './lib/tx.mjs';
import { leaf, proof, root } from './lib/anchor.mjs';

const ITC = 10n ** 12n;

describe('DAG anchors: off-chain worker, agreement, settlement, proofs', () => {
  let node; let api;
  let alice; let maker; let owner;
  let keys; let codes;

  before(async () => {
    await cryptoWaitReady();
    node = await startNode(['--dev']);
    api = await connect(node.rpcUrl);
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    [alice, maker, owner] = ['//Alice', '//Bob', '//Charlie'].map((u) => keyring.addFromUri(u));
    const deviceRing = new Keyring({ type: 'ed25519', ss58Format: 42 });
    keys = [0, 1].map((i) => deviceRing.addFromUri(`//e2e-anchor-device-${i}`));
    ({ codes } = await activeDevices(api, { alice, maker, owner }, keys, { prefix: 'ANC' }));
    for (const key of keys) {
      const r = await send(api, api.tx.dagAccounts.lock(key.address, ITC), owner);
      assert.equal(r.error, undefined);
    }
  });

  after(async () => {
    await api?.disconnect();
    await node?.stop();
  });

  test('the status names the open epoch and a threshold of one for one validator', async () => {
    await waitFor(async () => !(await api.call.dagAnchorApi.status()).open.isNone, 60_000, 'an open epoch');
    const status = await api.call.dagAnchorApi.status();
    assert.equal(status.validators.toNumber(), 1);
    assert.equal(status.threshold.toNumber(), 1);
    assert.equal(status.epochLengthMs.toNumber(), 12_000);
  });

  test('a summary left for the off-chain worker is anchored, settled and provable', async () => {
    // Three transactions: two applied, one void. Device 0 pays device 1 0.25 ITC net and sent
    // two records.
    const ids = [1, 2, 3].map((i) => blake2AsU8a(stringToU8a(`anchor-e2e-tx-${i}`), 256));
    const effects = [0, 0, 1];
    const leaves = ids.map((id, i) => leaf(id, effects[i]));
    const moved = ITC / 4n;
    const settlement = [
      { account: keys[0].publicKey, delta: -moved },
      { account: keys[1].publicKey, delta: moved },
    ].sort((a, b) => u8aCmp(a.account, b.account));

    const { open } = await api.call.dagAnchorApi.status();
    assert.ok(open.isSome);
    const epoch = open.unwrap().epoch.toNumber();
    const summaryType = api.registry.createLookupType(api.tx.dagAnchor.propose.meta.fields[0].type);
    const summary = api.createType(summaryType, {
      epoch,
      root: root(leaves),
      count: ids.length,
      cid: u8aToHex(stringToU8a('bafkreiexampleanchorbatch')),
      settlement: settlement.map((c) => ({ account: c.account, delta: c.delta })),
      records: [{ account: keys[0].publicKey, records: 2 }],
    });
    const key = u8aConcat(stringToU8a('itc/anchor/summary/'), new Uint8Array(new Uint32Array([epoch]).buffer));
    const set = await rpc(node.rpcPort, 'offchain_localStorageSet', ['PERSISTENT', u8aToHex(key), summary.toHex()]);
    assert.equal(set.error, undefined, JSON.stringify(set.error));

    const before = await Promise.all(keys.map((k) => api.query.dagAccounts.accounts(k.address)));
    await waitFor(async () => (await api.query.dagAnchor.anchors(epoch)).isSome, 60_000, `epoch ${epoch} anchored`);
    const anchor = (await api.query.dagAnchor.anchors(epoch)).unwrap();
    assert.equal(anchor.root.toHex(), u8aToHex(root(leaves)));
    assert.equal(anchor.count.toNumber(), 3);
    assert.equal(anchor.summaryHash.toHex(), u8aToHex(blake2AsU8a(summary.toU8a(), 256)));
    assert.equal((await api.query.dagAnchor.lastAnchored()).unwrap().toNumber(), epoch);

    // The proposal was an authorized transaction: no signer, no fee.
    const block = await api.rpc.chain.getBlock(await api.rpc.chain.getBlockHash(anchor.at));
    const xt = block.block.extrinsics.find((x) => x.method.section === 'dagAnchor');
    assert.ok(xt, 'the proposal is in the anchoring block');
    assert.equal(xt.isSigned, false);
    const events = await (await api.at(block.block.header.hash)).query.system.events();
    const anchored = events.map((r) => r.event).find((e) => e.section === 'dagAnchor' && e.method === 'Anchored');
    assert.equal(anchored.data.settled.toNumber(), 2);
    assert.equal(anchored.data.records.toNumber(), 2);
    const index = block.block.extrinsics.indexOf(xt);
    const ofProposal = events.filter((r) => r.phase.isApplyExtrinsic && r.phase.asApplyExtrinsic.toNumber() === index);
    assert.ok(!ofProposal.some((r) => r.event.section === 'transactionPayment'), 'no fee was charged');

    // Settlement moved the held funds between the two micro-accounts.
    const afterwards = await Promise.all(keys.map((k) => api.query.dagAccounts.accounts(k.address)));
    assert.equal(afterwards[0].unwrap().locked.toBigInt(), before[0].unwrap().locked.toBigInt() - moved);
    assert.equal(afterwards[1].unwrap().locked.toBigInt(), before[1].unwrap().locked.toBigInt() + moved);
    // Records count for the current mining era, as edge-mining evidence.
    const records = (await api.query.dagAnchor.recordsOf(u8aToHex(codes[0]))).unwrap();
    assert.equal(records.latest[1].toNumber(), 2);

    // Proofs verify at the finalized block; tampered ones do not.
    await waitFor(async () => {
      const head = await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead());
      return head.number.toNumber() >= anchor.at.toNumber();
    }, 60_000, 'the anchor finalized');
    const finalized = await api.at(await api.rpc.chain.getFinalizedHead());
    for (let i = 0; i < ids.length; i++) {
      const p = proof(leaves, i);
      assert.equal((await finalized.call.dagAnchorApi.verifyInclusion(epoch, ids[i], effects[i] ? 'Void' : 'Applied', p)).isTrue, true, `tx ${i}`);
      assert.equal((await finalized.call.dagAnchorApi.verifyInclusion(epoch, ids[i], effects[i] ? 'Applied' : 'Void', p)).isTrue, false, `tx ${i}, other effect`);
    }
    const bad = proof(leaves, 0);
    bad.siblings[0] = new Uint8Array(32);
    assert.equal((await finalized.call.dagAnchorApi.verifyInclusion(epoch, ids[0], 'Applied', bad)).isTrue, false);
    assert.equal((await finalized.call.dagAnchorApi.verifyInclusion(epoch + 1, ids[0], 'Applied', proof(leaves, 0))).isTrue, false);
  });
});
