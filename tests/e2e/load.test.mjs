// itc-load (bench/load, the benchmark harness's load generator) against the real `--dev`
// node, briefly: it sets up its senders, sends transfers at a fixed rate and flat out, and
// reports every extrinsic included and finalized, with the weight-model ceiling and the
// node's CPU use. (The benchmark itself, at full length: scripts/bench/chain.sh.)
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startNode } from './lib/node.mjs';

const run = promisify(execFile);

describe('itc-load against the node', () => {
  let node;

  before(async () => {
    node = await startNode(['--dev']);
  });

  after(async () => {
    await node?.stop();
  });

  const load = async (...args) => {
    const { stdout } = await run(process.env.ITC_LOAD, [
      '--url', `http://127.0.0.1:${node.rpcPort}`, '--senders', '8', '--duration', '8', '--warmup', '2',
      '--drain', '30', ...args,
    ], { maxBuffer: 1 << 26 });
    return JSON.parse(stdout);
  };

  test('at a fixed rate every transfer is included and finalized, and the figures add up', async () => {
    const report = await load('--rate', '40', '--cpu-pid', String(node.pid));
    assert.equal(report.workload, 'transfer');
    assert.ok(report.submitted >= 300 && report.submitted <= 330, `${report.submitted} submitted in 8 s at 40/s`);
    assert.equal(report.accepted, report.submitted);
    assert.equal(report.notFinalized, 0, 'all finalized');
    assert.deepEqual(report.refusals, {});
    assert.ok(Math.abs(report.throughput.extrinsicsPerSecond - 40) < 15, `${report.throughput.extrinsicsPerSecond}/s`);
    assert.ok(report.inclusionMs.count > 0 && report.inclusionMs.p50 < 6_000);
    assert.ok(report.finalityMs.p50 > report.inclusionMs.p50, 'finality after inclusion');
    assert.ok(report.ceiling.perBlockByWeight > 100 && report.ratioToCeiling < 0.5);
    assert.ok(report.blocks.some((b) => b.ours > 0) && report.blocks.every((b) => b.number === 0 || b.timestampMs > 0));
    assert.equal(report.cpu.length, 1);
    assert.ok(report.cpu[0].percentOfACore > 0);
  });

  test('device registrations in batches count 100 devices an extrinsic', async () => {
    const report = await load('--workload', 'register-batch', '--rate', '2');
    assert.equal(report.itemsPerExtrinsic, 100);
    assert.equal(report.notFinalized, 0);
    assert.deepEqual(report.refusals, {});
    assert.ok(Math.abs(report.throughput.itemsPerSecond - 200) < 120, `${report.throughput.itemsPerSecond} devices/s`);
  });

  test('a node that is not there is a clear error', async () => {
    const failed = await run(process.env.ITC_LOAD, ['--url', 'http://127.0.0.1:1', '--duration', '1'])
      .then(() => null, (e) => e);
    assert.ok(failed, 'exits non-zero');
    assert.match(failed.stderr, /itc-load: /);
  });
});
