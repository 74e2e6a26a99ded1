// Drives scripts/bench/dag.sh: the DAG service's throughput, acceptance latency and propagation
// on this machine, against the same machine's ed25519 verification rate measured in the same
// run. Node A is a `--dev` node; 64 devices are registered and claimed on chain; the Rust load
// tool (dag/examples/load.rs) makes and sends the transactions over HTTP JSON-RPC; node B (a
// full node of the same chain) joins for the propagation figure.
import { spawnSync } from 'node:child_process';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { connect, rpc, startNode, waitFor } from '../lib/node.mjs';
import { activeDevices } from '../lib/setup.mjs';

const DEVICES = 64; // 63 send the load, the last one the propagation samples
const TRANSACTIONS = Number(process.env.DAG_BENCH_TXS ?? 100_000);
const BATCH = Number(process.env.DAG_BENCH_BATCH ?? 64);
const CLIENTS = 2;
const { ITC_DAG_LOAD: load, ITC_DAG_INGEST: ingest } = process.env;

/** The ed25519 seed of bench device `i`, as `seed` in dag/examples/load.rs. */
function seed(i) {
  const bytes = new Uint8Array(32).fill(0x42);
  bytes[0] = 0xbe;
  new DataView(bytes.buffer).setUint32(1, i, true);
  return bytes;
}

/** Runs a tool to completion; its output, echoed. */
function run(bin, args) {
  const result = spawnSync(bin, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  process.stdout.write(result.stdout);
  if (result.status !== 0) throw new Error(`${bin} ${args.join(' ')} exited with ${result.status}`);
  return result.stdout;
}
const figure = (text, pattern) => Number(text.match(pattern)[1]);
const finalized = async (port) => {
  const hash = (await rpc(port, 'chain_getFinalizedHead', [])).result;
  return parseInt((await rpc(port, 'chain_getHeader', [hash])).result.number, 16);
};

await cryptoWaitReady();
console.log(`== baseline: the DAG core and ed25519 on one core (${ingest})`);
const core = run(ingest, ['50000', String(BATCH)]);
const single = figure(core, /one by one: (\d+)/);
const batched = figure(core, /batches of \d+: (\d+)/);

const nodeA = await startNode(['--dev']);
let nodeB;
let api;
try {
  api = await connect(nodeA.rpcUrl);
  const sr = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const [alice, maker, owner] = ['//Alice', '//Bob', '//Charlie'].map((u) => sr.addFromUri(u));
  const ed = new Keyring({ type: 'ed25519', ss58Format: 42 });
  const keys = [...Array(DEVICES).keys()].map((i) => ed.addFromSeed(seed(i)));
  await activeDevices(api, { alice, maker, owner }, keys, { prefix: 'BENCH' });
  const setup = (await api.rpc.chain.getHeader()).number.toNumber();
  await waitFor(async () => (await finalized(nodeA.rpcPort)) >= setup, 60_000, 'the devices finalized');

  console.log(`== node A: ${TRANSACTIONS} transactions from ${DEVICES - 1} devices`);
  const node = run(load, ['throughput', nodeA.rpcPort, DEVICES - 1, TRANSACTIONS, BATCH, CLIENTS].map(String));
  const rate = figure(node, /: (\d+) tx\/s/);

  const peerId = (await rpc(nodeA.rpcPort, 'system_localPeerId', [])).result;
  nodeB = await startNode(['--chain', 'dev', '--bootnodes', `/ip4/127.0.0.1/tcp/${nodeA.p2pPort}/p2p/${peerId}`]);
  await waitFor(async () => (await finalized(nodeB.rpcPort)) >= setup, 60_000, 'node B synced');
  console.log('== propagation from node A to node B');
  const spread = run(load, ['propagate', nodeA.rpcPort, nodeB.rpcPort, DEVICES - 1, 200].map(String));

  console.log('== summary (same run)');
  console.log(`ed25519 verifications/s on one core: ${single} one by one, ${batched} in batches of ${BATCH}`);
  console.log(`DAG core ingest, one thread: ${figure(core, /insert\): (\d+)/)} tx/s`);
  console.log(`node A accepted: ${rate} tx/s = ${(rate / single).toFixed(2)}× one-by-one, ${(rate / batched).toFixed(2)}× batched verification on one core`);
  console.log(`dag_submitBatch (${BATCH}) p50/p99 ms: ${node.match(/submitBatch call of \d+: p50 ([\d.]+) ms, p99 ([\d.]+)/).slice(1).join(' / ')}`);
  console.log(`dag_submit p50/p99 ms: ${node.match(/dag_submit call .*: p50 ([\d.]+) ms, p99 ([\d.]+)/).slice(1).join(' / ')}`);
  console.log(`A -> B p50/p99 ms: ${spread.match(/p50 ([\d.]+) ms, p99 ([\d.]+)/).slice(1).join(' / ')}`);
} finally {
  await api?.disconnect();
  await nodeB?.stop();
  await nodeA.stop();
}
