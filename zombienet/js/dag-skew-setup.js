// Drill 0006, step 1, on node `nodeName` (a validator with a true clock). args: the node whose
// clock runs fast, its offset in ms, and the admission window every node was started with
// (--dag-max-age-ms).
//
// Checks that every node admits submissions from `window` ms behind to 5 s ahead of its clock
// (`dag_limits`); registers four devices with 1 ITC locked each (device 0 will talk to the
// fast node only, devices 1–3 to the others); then proves the fast node's clock is ahead and
// that relayed transactions are not held to a node's clock:
//   - a record stamped `window` + 5 s before the fast node's clock (5 s ago by a true clock) is
//     refused by the fast node (9001, timestamp), admitted by `nodeName`, and reaches the fast
//     node by gossip;
//   - a record stamped by the fast node's clock (20 s ahead of the true one) is refused by
//     `nodeName` (more than 5 s ahead), admitted by the fast node, and reaches `nodeName`.
// Saves the devices and both probes for dag-traffic.js; returns 2 (the probes).
const { u8aToHex } = require('@polkadot/util');
const { connect, finalized, save, sleep } = require('./common.js');
const { ITC, finalizedAt, makeTx, record, registerDevices, rpcAt, statusOf } = require('./dag.js');

const SEEDS = ['b1', 'b2', 'b3', 'b4'].map((b) => '0x' + b.repeat(32));
const MAX_FUTURE_MS = 5000;

/** Submits `tx` and requires a refusal with `code` whose message matches `why`. */
async function expectRefused(rpc, name, made, code, why, what, hint) {
  try {
    await rpc.send('dag_submit', [made.tx]);
  } catch (e) {
    if (e.code === code && why.test(e.message)) {
      console.log(`${name} refused ${what}: ${e.message}`);
      return;
    }
    throw new Error(`${name} refused ${what} with "${e.message}", expected ${code} (${why})`);
  }
  throw new Error(`${name} admitted ${what}, which it should have refused for its timestamp${hint}`);
}

/** Waits up to `ms` until `name` holds `id`, which it only can have through gossip. */
async function expectRelayed(rpc, name, id, ms, what) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (statusOf(await rpc.send('dag_status', [id]))) {
      console.log(`${name} holds ${what} through gossip`);
      return;
    }
    await sleep(250);
  }
  throw new Error(`${name} does not hold ${what} ${ms / 1000} s after a peer admitted it: relayed ` +
    'transactions must not be refused for their timestamp (docs/DAG.md, "Two kinds of rules")');
}

async function run(nodeName, networkInfo, args) {
  const [fast, skewText, windowText] = args;
  const skewMs = Number(skewText);
  const windowMs = Number(windowText);
  if (!networkInfo.nodesByName[fast] || !(skewMs > MAX_FUTURE_MS) || !(windowMs > 0)) {
    throw new Error(`args "${args}": expected <fast node>,<its offset ms (> ${MAX_FUTURE_MS})>,<admission window ms>`);
  }
  if (fast === nodeName) throw new Error(`run this on a node with a true clock, not on ${fast}`);

  // Every node was started with the window (and keeps 5 s ahead).
  const rpc = {};
  for (const [name, node] of Object.entries(networkInfo.nodesByName)) {
    rpc[name] = await rpcAt(node.wsUri);
    const limits = await rpc[name].send('dag_limits', []);
    if (limits.maxAgeMs !== windowMs || limits.maxFutureMs !== MAX_FUTURE_MS) {
      throw new Error(`${name}: dag_limits says maxAgeMs ${limits.maxAgeMs}, maxFutureMs ${limits.maxFutureMs}; ` +
        `expected ${windowMs} (--dag-max-age-ms=${windowMs} in the network's default_args) and ${MAX_FUTURE_MS}`);
    }
  }

  const api = await connect(networkInfo, nodeName);
  const keys = await registerDevices(api, SEEDS, ITC);
  const genesis = api.genesisHash.toHex();
  const devices = [];
  for (const [i, key] of keys.entries()) {
    const locked = (await api.query.dagAccounts.accounts(key.address)).unwrap().locked.toString();
    devices.push({ index: i, seed: SEEDS[i], address: key.address, key: u8aToHex(key.publicKey), locked, seq: 0 });
  }
  // The fast node admits device 0 only once it has finalized the registration too.
  const target = (await finalized(api)).number;
  const fastApi = await connect(networkInfo, fast);
  await finalizedAt(fastApi, target);
  await fastApi.disconnect();

  const sent = [];
  const probe = async (stampedMs, digest, what) => {
    const limits = await rpc[nodeName].send('dag_limits', []);
    const made = await makeTx({ genesis, seed: devices[0].seed, seq: devices[0].seq, parents: limits.tips,
      difficulty: limits.difficulty, timestampMs: stampedMs, payload: record(digest) });
    return { made, stampedMs, what: `${what} (${made.id})` };
  };

  // 1. Old for the fast node, fresh for a true clock.
  const p1 = await probe(Date.now() + skewMs - windowMs - 5000, '0x' + 'e1'.repeat(32),
    `a record stamped ${(windowMs + 5000) / 1000} s before ${fast}'s clock`);
  await expectRefused(rpc[fast], fast, p1.made, 9001, /timestamp/i, p1.what, `: is its clock ${skewMs / 1000} s ` +
    `ahead? (network-4-skew.toml runs it through itc-node-fast-clock.sh, libfaketime; see ${fast}.log)`);
  if ((await rpc[nodeName].send('dag_submit', [p1.made.tx])) !== p1.made.id) throw new Error('dag_submit returned another id');
  console.log(`${nodeName} admitted ${p1.what}`);
  sent.push({ id: p1.made.id, node: nodeName, device: 0, seq: devices[0].seq++, kind: 'record', stampedMs: p1.stampedMs,
    phase: 'probe' });
  await expectRelayed(rpc[fast], fast, p1.made.id, 15000, p1.what);

  // 2. Fresh for the fast node, 20 s in the future for a true clock.
  const p2 = await probe(Date.now() + skewMs, '0x' + 'e2'.repeat(32),
    `a record stamped by ${fast}'s clock, ${skewMs / 1000} s ahead`);
  await expectRefused(rpc[nodeName], nodeName, p2.made, 9001, /timestamp/i, p2.what,
    ` (more than ${MAX_FUTURE_MS / 1000} s ahead of its clock)`);
  const id2 = await rpc[fast].send('dag_submit', [p2.made.tx]).catch((e) => {
    throw new Error(`${fast} refused ${p2.what}: ${e.message} — is its clock ${skewMs / 1000} s ahead? ` +
      `(network-4-skew.toml runs it through itc-node-fast-clock.sh; its log is ${fast}.log)`);
  });
  if (id2 !== p2.made.id) throw new Error('dag_submit returned another id');
  console.log(`${fast} admitted ${p2.what}`);
  sent.push({ id: p2.made.id, node: fast, device: 0, seq: devices[0].seq++, kind: 'record', stampedMs: p2.stampedMs,
    phase: 'probe' });
  await expectRelayed(rpc[nodeName], nodeName, p2.made.id, 15000, p2.what);

  save(networkInfo, 'dag-skew', { genesis, fast, skewMs, windowMs, devices, sent });
  for (const r of Object.values(rpc)) await r.close();
  await api.disconnect();
  return sent.length;
}

module.exports = { run };
