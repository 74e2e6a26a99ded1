// Edge mining, end to end: a real `itc-node --dev` (30-second eras), @polkadot/api, devices
// registered and claimed on chain, work reports signed here with the device keys by the
// payload format of docs/EDGE_MINING.md, rewards paid by the runtime into the device accounts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { connect, palletAccount, startNode, waitFor } from './lib/node.mjs';
import { reportMessage } from './lib/device.mjs';
import { activeDevices } from './lib/setup.mjs';
import { findEvent, send } from './lib/tx.mjs';

describe('edge mining with @polkadot/api', () => {
  let node;
  let api;
  let alice; let maker; let owner; let gateway;
  let keys; // the devices' ed25519 key pairs
  let codes;
  let genesis;

  const account = async (who) => (await api.query.system.account(who)).data;
  const status = async () => api.call.edgeMiningApi.emissionStatus();
  const signed = (key, code, report) => ({ Ed25519: u8aToHex(key.sign(reportMessage(genesis, code, report))) });
  const submit = (code, report, signature) => api.tx.edgeMining.submitReport(u8aToHex(code), {
    era: report.era, uptimePpm: report.uptimePpm, records: report.records, coverageCell: report.cell,
  }, signature);

  before(async () => {
    await cryptoWaitReady();
    node = await startNode(['--dev']);
    api = await connect(node.rpcUrl);
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    [alice, maker, owner, gateway] = ['//Alice', '//Bob', '//Charlie', '//Dave'].map((u) => keyring.addFromUri(u));
    const deviceRing = new Keyring({ type: 'ed25519', ss58Format: 42 });
    keys = [0, 1, 2].map((i) => deviceRing.addFromUri(`//e2e-miner-${i}`));
    genesis = api.genesisHash.toU8a();
    ({ codes } = await activeDevices(api, { alice, maker, owner }, keys, { prefix: 'MINER' }));
  });

  after(async () => {
    await api?.disconnect();
    await node?.stop();
  });

  test('device-signed reports are paid into the device accounts; the pool drops by the same amount', async () => {
    const pool = palletAccount(api, 'itc/mine');
    const eraMs = (await status()).eraLengthMs.toNumber();
    assert.equal(eraMs, 30_000, 'the dev preset has 30-second eras');

    // Start at a fresh era, so its whole report window lies ahead.
    const first = (await status()).currentEra.toNumber();
    const current = await waitFor(async () => {
      const era = (await status()).currentEra.toNumber();
      return era > first ? era : 0;
    }, 2 * eraMs, 'a new era');
    const era = current - 1;
    const reports = [0, 1, 2].map((i) =>
      ({ era, uptimePpm: 1_000_000 - 250_000 * i, records: 10_000 * (i + 1), cell: 0x8a2a1072b59ffffn }));

    // One gateway sends everything at once: three good reports, a replay, a forgery.
    const gatewayBefore = (await account(gateway.address)).free.toBigInt();
    const nonce = (await api.rpc.system.accountNextIndex(gateway.address)).toNumber();
    const txs = [
      submit(codes[0], reports[0], signed(keys[0], codes[0], reports[0])),
      submit(codes[1], reports[1], signed(keys[1], codes[1], reports[1])),
      submit(codes[0], reports[0], signed(keys[0], codes[0], reports[0])), // replayed
      submit(codes[2], reports[2], signed(keys[1], codes[2], reports[2])), // device 1's key
      submit(codes[2], reports[2], signed(keys[2], codes[2], reports[2])),
    ];
    const results = await Promise.all(txs.map((tx, i) => send(api, tx, gateway, { nonce: nonce + i })));
    assert.deepEqual(results.map((r) => r.error),
      [undefined, undefined, 'edgeMining.AlreadyReported', 'edgeMining.BadSignature', undefined]);
    const fees = results.map((r) => findEvent(r.events, 'transactionPayment', 'TransactionFeePaid').data.actualFee.toBigInt());
    assert.deepEqual(fees.map((f) => f > 0n), [false, false, true, true, false], 'accepted reports are free');
    assert.equal((await account(gateway.address)).free.toBigInt(), gatewayBefore - fees[2] - fees[3]);

    // Scores by the published formula: uptime/1000 + √min(records, anchored) (class weight
    // 100 %). Nothing is anchored on this chain, so the records count nothing; the maker's
    // 1,000 ITC stake over three devices allows far more than these claims.
    const scores = [1_000, 750, 500];
    for (const i of [0, 1, 2]) {
      const reported = findEvent(results[[0, 1, 4][i]].events, 'edgeMining', 'Reported').data;
      assert.equal(reported.score.toNumber(), scores[i]);
      assert.equal(reported.submitter.toString(), gateway.address);
    }
    const total = BigInt(scores.reduce((a, b) => a + b));
    const eraStatus = await api.call.edgeMiningApi.eraStatus(era);
    assert.equal(eraStatus.reports.toNumber(), 3);
    assert.equal(eraStatus.totalScore.toBigInt(), total);
    assert.ok(eraStatus.reporting.isTrue);
    const budget = eraStatus.budget.toBigInt();
    const share = (score) => budget * BigInt(score) / total;
    const estimate = (await api.call.edgeMiningApi.estimatedReward(u8aToHex(codes[0]), era)).unwrap();
    assert.equal(estimate.reward.toBigInt(), share(scores[0]));

    // The owner suspends device 2 before the era is paid: it forfeits its share.
    const r = await send(api, api.tx.devices.suspend(u8aToHex(codes[2]), 'Maintenance'), owner);
    assert.equal(r.error, undefined);
    const poolBefore = (await account(pool)).reserved.toBigInt();
    const paidBefore = (await status()).miningPaid.toBigInt();

    // From era + 2 on the runtime pays; wait for the device accounts to be credited.
    await waitFor(async () => (await account(keys[1].address)).free.toBigInt() > 0n, 3 * eraMs, 'the payouts');
    const received = await Promise.all(keys.map(async (k) => (await account(k.address)).free.toBigInt()));
    assert.deepEqual(received, [share(scores[0]), share(scores[1]), 0n]);
    const paid = received[0] + received[1];
    assert.equal(poolBefore - (await account(pool)).reserved.toBigInt(), paid, 'the pool dropped by what was paid');
    assert.equal((await status()).miningPaid.toBigInt() - paidBefore, paid);
    const after = await api.call.edgeMiningApi.eraStatus(era);
    assert.equal(after.paid.toBigInt(), paid);
    assert.ok(paid <= budget);
    assert.ok((await api.call.edgeMiningApi.estimatedReward(u8aToHex(codes[0]), era)).isNone, 'paid and cleared');
    console.log(`era ${era}: budget ${budget}, paid ${paid} to 2 devices, device 2 forfeited ${share(scores[2])}`);
  });

  test('a report for an era that is not the last one is refused', async () => {
    const { currentEra } = await status();
    const report = { era: currentEra.toNumber(), uptimePpm: 1_000_000, records: 0, cell: null };
    const r = await send(api, submit(codes[0], report, signed(keys[0], codes[0], report)), gateway);
    assert.equal(r.error, 'edgeMining.WrongEra');
  });

  test('each block pays its author from the node-incentive pool', async () => {
    const pool = palletAccount(api, 'itc/node');
    const hash = await api.rpc.chain.getBlockHash();
    const header = await api.rpc.chain.getHeader(hash);
    const [now, parent] = [await api.at(hash), await api.at(header.parentHash)];
    const rewarded = (await now.query.system.events()).map((e) => e.event)
      .find((e) => e.section === 'edgeMining' && e.method === 'AuthorRewarded');
    assert.ok(rewarded, 'AuthorRewarded in the block');
    assert.equal(rewarded.data.author.toString(), alice.address, 'Alice authors every --dev block');
    const held = async (at) => (await at.query.system.account(pool)).data.reserved.toBigInt();
    assert.ok(rewarded.data.amount.toBigInt() > 0n);
    assert.equal(await held(parent) - await held(now), rewarded.data.amount.toBigInt(), 'paid from the held pool');
  });
});
