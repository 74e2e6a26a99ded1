// The anchor bridge with its batch files in a real IPFS engine (tests/ipfs: js-ipfs serving
// kubo's HTTP RPC, offline on loopback), reached through `--ipfs-api`:
// - the engine is down when the epoch is cut: the node retries with back-off and the
//   transactions wait, confirmed and unanchored;
// - the engine comes up: the batch is stored, pinned, anchored under the CID of its bytes,
//   and `dag_proof` reads it back from the engine;
// - the engine goes down again: a batch already decoded still proves from memory; after a
//   restart, `dag_proof` answers "unavailable" (9004), and nothing else breaks.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { u8aToString } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import { sha256 } from 'multiformats/hashes/sha2';
import { connect, freePort, rpc, startNode, waitFor } from './lib/node.mjs';
import { anchoringSetUp } from './lib/anchor.mjs';
import { startEngine } from './lib/ipfs.mjs';

describe('DAG anchors with batch files in an IPFS engine (--ipfs-api)', () => {
  let node; let api; let engine; let repo; let port;
  let keys; let call; let submit; let record;
  const anchored = [];

  before(async () => {
    await cryptoWaitReady();
    repo = mkdtempSync(join(tmpdir(), 'itc-e2e-ipfs-'));
    port = await freePort();
    // The engine is not running yet.
    node = await startNode(['--dev', '--ipfs-api', `http://127.0.0.1:${port}`]);
    api = await connect(node.rpcUrl);
    ({ keys, call, submit, record } = await anchoringSetUp(api, node.rpcPort, 'KUBO'));
  });

  after(async () => {
    await api?.disconnect();
    await node?.stop();
    await engine?.stop();
    if (repo) rmSync(repo, { recursive: true, force: true });
  });

  const log = () => readFileSync(node.logFile, 'utf8');

  test('an engine that is down holds the batch back; once up, it is stored, pinned and anchored', async () => {
    assert.match(log(), /the batch file store is not usable yet: IPFS engine at http:\/\/127\.0\.0\.1/);
    const pay = await submit(0, { transfer: { to: keys[1].publicKey, amount: 10n ** 11n } });
    const mine = [pay, await submit(0, record(1))];
    for (let i = 0; i < 10; i++) await submit(1, record(10 + i));
    for (const id of mine) {
      await waitFor(async () => (await call('dag_status', [id]))?.status === 'confirmed', 30_000, `${id} confirmed`);
    }
    await waitFor(async () => /storing the batch failed, retrying in/.test(log()), 60_000, 'a failed store');
    assert.equal((await call('dag_status', [pay]))?.status, 'confirmed', 'not anchored while the engine is down');

    engine = await startEngine(repo, port);
    for (const id of mine) {
      await waitFor(async () => (await call('dag_status', [id]))?.status === 'anchored', 120_000, `${id} anchored`);
    }
    anchored.push(...mine);
    const proof = await call('dag_proof', [pay]);
    assert.ok(proof, 'the node reads the batch back from the engine');
    const anchor = (await api.query.dagAnchor.anchors(proof.epoch)).unwrap();
    const cid = u8aToString(anchor.cid.toU8a(true));
    const file = await engine.cat(cid);
    assert.ok(file, `the engine has ${cid}`);
    // A batch this small is one block: its CID is the raw CIDv1 of its bytes.
    assert.equal(CID.create(1, raw.code, await sha256.digest(file)).toString(), cid);
    assert.equal(await engine.pinned(cid), true, 'the batch is pinned');
    assert.equal(anchor.count.toNumber(), proof.leafCount);
    const finalized = await api.at(await api.rpc.chain.getFinalizedHead());
    const checked = await finalized.call.dagAnchorApi.verifyInclusion(proof.epoch, pay, 'Applied',
      { index: proof.index, leafCount: proof.leafCount, siblings: proof.siblings });
    assert.equal(checked.isTrue, true);
  });

  test('with the engine gone, a decoded batch still proves; after a restart, proofs are unavailable (9004) and the node carries on', async () => {
    assert.ok(anchored.length > 0, 'the first test anchored transactions');
    await engine.stop();
    const cached = await call('dag_proof', [anchored[0]]);
    assert.ok(cached, 'the batch decoded for the first proof is kept in memory');

    // A restart forgets the decoded batches: the file must come from the engine, which is gone.
    const { base } = node;
    await api.disconnect();
    await node.stop({ keep: true });
    node = await startNode(['--dev', '--ipfs-api', `http://127.0.0.1:${port}`], { base });
    api = await connect(node.rpcUrl);
    const proofAfterRestart = () => rpc(node.rpcPort, 'dag_proof', [anchored[0]]);
    await waitFor(async () => (await rpc(node.rpcPort, 'dag_status', [anchored[0]])).result?.status === 'anchored',
      60_000, 'the DAG restored with its anchored marks');
    const unavailable = (await proofAfterRestart()).error;
    assert.equal(unavailable?.code, 9004, 'the batch file cannot be read');
    assert.match(unavailable.message, /IPFS engine at http:\/\/127\.0\.0\.1/);
    const finalized = (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
    await waitFor(async () => (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber() > finalized + 1,
      30_000, 'finality to go on');
  });
});
