// The DAG anchor bridge, end to end on the real `--dev` node: DAG transactions made here are
// confirmed, cut into the epoch's batch by the node's anchor service, stored in its embedded
// IPFS store; the off-chain worker proposes the summary with Alice's Aura key as an
// authorized transaction; the anchor settles two micro-accounts, credits records, and the
// node's `dag_proof` gives proofs that verify in the runtime and in JavaScript.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hexToU8a, u8aToHex, u8aToString } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { connect, rpc, startNode, waitFor } from './lib/node.mjs';
import { EFFECTS, anchoringSetUp, leaf, rootFromProof } from './lib/anchor.mjs';
import { makeTx } from './lib/dag.mjs';
import { send } from './lib/tx.mjs';
import { Keyring } from '@polkadot/keyring';

const ITC = 10n ** 12n;

describe('DAG anchors: off-chain worker, agreement, settlement, proofs', () => {
  let node; let api;
  let keys; let codes; let call; let submit; let record; let seqs; let genesis;

  before(async () => {
    await cryptoWaitReady();
    node = await startNode(['--dev']);
    api = await connect(node.rpcUrl);
    ({ keys, codes, call, submit, record, seqs, genesis } = await anchoringSetUp(api, node.rpcPort, 'ANC'));
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

  test('DAG transactions are cut, anchored by the off-chain worker, settled and provable', async () => {
    const before = await Promise.all(keys.map((k) => api.query.dagAccounts.accounts(k.address)));

    const moved = ITC / 4n;
    const pay = await submit(0, { transfer: { to: keys[1].publicKey, amount: moved } });
    const records = [await submit(0, record(1)), await submit(0, record(2))];
    // An overspend relayed as if by a peer would be void; over RPC it is refused outright.
    const overspend = await call('dag_submit', [u8aToHex(makeTx(genesis, {
      sender: keys[0].publicKey, seq: seqs[0], parents: (await call('dag_limits', [])).tips.map((t) => hexToU8a(t)),
      timestampMs: Date.now(), payload: { transfer: { to: keys[1].publicKey, amount: 2n * ITC } },
    }, keys[0], 12).bytes)]).then(() => 0, (e) => e.code);
    assert.equal(overspend, 9002);
    // Device 1 approves them until they are confirmed (weight 8).
    for (let i = 0; i < 10; i++) await submit(1, record(10 + i));
    for (const id of [pay, ...records]) {
      await waitFor(async () => (await call('dag_status', [id]))?.status === 'anchored', 90_000, `${id} anchored`);
    }

    // The anchor on chain, and the settlement it made.
    const epoch = (await api.query.dagAnchor.lastAnchored()).unwrap().toNumber();
    const proofOf = await call('dag_proof', [pay]);
    assert.ok(proofOf, 'the node has a proof');
    // `dag_status` tells the anchor's epoch and what the transaction did there.
    assert.deepEqual(await call('dag_status', [pay]), { status: 'anchored', epoch: proofOf.epoch, effect: 'applied' });
    const anchor = (await api.query.dagAnchor.anchors(proofOf.epoch)).unwrap();
    assert.ok(proofOf.epoch <= epoch);
    assert.equal(anchor.root.toHex(), proofOf.root);
    assert.equal(anchor.count.toNumber(), proofOf.leafCount);
    assert.ok(u8aToString(anchor.cid.toU8a(true)).startsWith('bafkrei'), 'a CIDv1 of the batch file');
    const afterwards = await Promise.all(keys.map((k) => api.query.dagAccounts.accounts(k.address)));
    assert.equal(afterwards[0].unwrap().locked.toBigInt(), before[0].unwrap().locked.toBigInt() - moved);
    assert.equal(afterwards[1].unwrap().locked.toBigInt(), before[1].unwrap().locked.toBigInt() + moved);
    const credited = (await api.query.dagAnchor.recordsOf(u8aToHex(codes[0]))).unwrap();
    assert.equal(credited.latest[1].toNumber(), 2, 'device 0 sent two records');

    // The proposal was an authorized transaction: no signer, no fee.
    const block = await api.rpc.chain.getBlock(await api.rpc.chain.getBlockHash(anchor.at));
    const xt = block.block.extrinsics.find((x) => x.method.section === 'dagAnchor');
    assert.ok(xt, 'the proposal is in the anchoring block');
    assert.equal(xt.isSigned, false);
    const events = await (await api.at(block.block.header.hash)).query.system.events();
    const index = block.block.extrinsics.indexOf(xt);
    const ofProposal = events.filter((r) => r.phase.isApplyExtrinsic && r.phase.asApplyExtrinsic.toNumber() === index);
    assert.ok(!ofProposal.some((r) => r.event.section === 'transactionPayment'), 'no fee was charged');

    // Proofs from `dag_proof` verify at the finalized block, by the runtime and by the
    // independent implementation here; tampered ones do not.
    const finalized = await api.at(await api.rpc.chain.getFinalizedHead());
    for (const id of [pay, ...records]) {
      const p = await call('dag_proof', [id]);
      const effect = EFFECTS.indexOf(p.effect);
      assert.equal(effect, 0);
      const proof = { index: p.index, leafCount: p.leafCount, siblings: p.siblings };
      assert.equal((await finalized.call.dagAnchorApi.verifyInclusion(p.epoch, id, 'Applied', proof)).isTrue, true);
      assert.equal((await finalized.call.dagAnchorApi.verifyInclusion(p.epoch, id, 'Void', proof)).isTrue, false);
      assert.equal(u8aToHex(rootFromProof(leaf(hexToU8a(id), effect), { ...proof, siblings: p.siblings.map((h) => hexToU8a(h)) })), p.root);
    }
    const p = await call('dag_proof', [pay]);
    const bad = { index: p.index, leafCount: p.leafCount, siblings: p.siblings.map(() => u8aToHex(new Uint8Array(32))) };
    assert.ok(bad.siblings.length > 0, 'the batch has more than one transaction');
    assert.equal((await finalized.call.dagAnchorApi.verifyInclusion(p.epoch, pay, 'Applied', bad)).isTrue, false);
    // Unknown ids have no proof; garbage gets a JSON-RPC error.
    assert.equal(await call('dag_proof', [u8aToHex(new Uint8Array(32).fill(7))]), null);
    assert.ok((await rpc(node.rpcPort, 'dag_proof', ['0x12'])).error);
  });

  test('a payment accepted before its sender unlocks settles; a void transfer says why', async () => {
    const alice = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
    // Device 0 pays for its own unlock extrinsic.
    assert.equal((await send(api, api.tx.balances.transferKeepAlive(keys[0].address, ITC / 10n), alice)).error, undefined);
    const moved = ITC / 8n;
    const pay = await submit(0, { transfer: { to: keys[1].publicKey, amount: moved } });
    // Before the payment is even confirmed (so before its epoch's reference block), the
    // sender asks for everything back: the funds stop counting for new transfers, but they
    // still settle the accepted one.
    const locked = (await api.query.dagAccounts.accounts(keys[0].address)).unwrap().locked.toBigInt();
    assert.equal((await send(api, api.tx.dagAccounts.unlock(locked), keys[0])).error, undefined);
    const best = (await api.rpc.chain.getHeader()).number.toNumber();
    await waitFor(async () => (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber() >= best,
      60_000, 'the unlock finalized');
    const more = await call('dag_submit', [u8aToHex(makeTx(genesis, {
      sender: keys[0].publicKey, seq: seqs[0], parents: (await call('dag_limits', [])).tips.map((t) => hexToU8a(t)),
      timestampMs: Date.now(), payload: { transfer: { to: keys[1].publicKey, amount: 1n } },
    }, keys[0], 12).bytes)]).then(() => 0, (e) => e.code);
    assert.equal(more, 9002, 'unlocking funds do not admit new transfers');
    // A transfer to an account without a micro-account is admitted (the node does not look
    // at recipients) and anchored as void, with its reason.
    const stranger = new Keyring({ type: 'ed25519' }).addFromUri('//e2e-ANC-stranger');
    const lost = await submit(1, { transfer: { to: stranger.publicKey, amount: 1_000n } });
    const before = (await api.query.dagAccounts.accounts(keys[1].address)).unwrap().locked.toBigInt();
    for (let i = 0; i < 10; i++) await submit(1, record(40 + i));
    for (const id of [pay, lost]) {
      await waitFor(async () => (await call('dag_status', [id]))?.status === 'anchored', 90_000, `${id} anchored`);
    }
    const paid = await call('dag_status', [pay]);
    assert.equal(paid.effect, 'applied', 'the accepted payment settled from unlocking funds');
    const void_ = await call('dag_status', [lost]);
    assert.equal(void_.effect, 'void-no-recipient');
    assert.equal((await call('dag_proof', [lost])).effect, 'void-no-recipient');
    const sender = (await api.query.dagAccounts.accounts(keys[0].address)).unwrap();
    assert.equal(sender.locked.toBigInt(), 0n);
    assert.equal(sender.unlocking[0].amount.toBigInt(), locked - moved, 'paid out of the unlocking funds');
    const recipient = (await api.query.dagAccounts.accounts(keys[1].address)).unwrap();
    assert.equal(recipient.locked.toBigInt(), before + moved);
    assert.ok((await api.query.dagAccounts.nextSeq(keys[0].address)).toNumber() >= 2, 'the watermark moved');
  });
});
