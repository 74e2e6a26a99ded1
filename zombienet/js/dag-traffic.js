// Drill 0006: DAG traffic that runs in the background across the drill's steps. Zombienet runs
// every js-script inside its own process and keeps this module loaded, so the loop that
// `start` leaves running goes on while later steps restart nodes or sleep. args: a command and
// node names.
//
//   start,<nodes…>  submit one transaction every GAP_MS, round-robin to <nodes>; returns how
//                   many nodes receive traffic. A node written `name+ms` runs its DAG clock
//                   `ms` ahead (--dag-clock-offset-ms): what is sent to it is stamped by it
//   leave,<nodes…>  stop sending to <nodes>, once what was sent to them has reached the others
//                   (so they can be killed); same return
//   back,<nodes…>   send to <nodes> again, and note the epoch from which every node must cut
//                   the same batches (the one after the epoch open or next now, read on
//                   `nodeName` at its finalized block); same return
//   stop            stop; then send records to `nodeName` until every transaction sent so far
//                   is confirmed there (weight 8, so that all of it can be anchored); saves
//                   everything sent for the checks; returns how many transactions were sent
//                   before the confirming tail (probes included)
//
// The devices and probes come from dag-skew-setup.js. Device 0 sends only to the fast node,
// stamped by that node's clock (true time + its offset: what a device set by it would do);
// devices 1–3 send to the other nodes in turn, stamped by the true clock. Every fourth
// transaction of a device is a transfer of 0.001 ITC to another device, the rest are data
// records. Before a device submits to another node than its previous transaction's, it waits
// until that node holds the previous one (a node admits a transfer only after the sender's
// previous number, docs/DAG.md). Any refusal stops the traffic, and the next command fails
// with it.
const { connect, finalized, load, save, sleep } = require('./common.js');
const { ITC, makeTx, record, rpcAt, statusOf, transfer } = require('./dag.js');

const GAP_MS = 600;
const AMOUNT = ITC / 1000n;
/** How long a node may take to receive a device's previous transaction by gossip. */
const RELAY_MS = 20000;
const MAX_TAIL = 60;

/** The running traffic (module state, kept between steps). */
let traffic = null;

async function open(t, name) {
  const node = t.networkInfo.nodesByName[name];
  if (!node) throw new Error(`no node "${name}" in this network`);
  if (!t.targets.includes(name)) t.targets.push(name);
  if (!t.rpc[name]) t.rpc[name] = await rpcAt(node.wsUri);
}

/** Waits until `name` holds `id`. */
async function relayed(t, name, id, what) {
  const deadline = Date.now() + RELAY_MS;
  while (!statusOf(await t.rpc[name].send('dag_status', [id]))) {
    if (Date.now() > deadline) throw new Error(`${name} does not hold ${what} ${RELAY_MS / 1000} s after it was sent`);
    await sleep(50);
  }
}

/** Makes and submits the next transaction of `device` to node `name`. */
async function submitOne(t, name, device, phase) {
  const { state } = t;
  const previous = t.last[device.index];
  if (previous && previous.node !== name) {
    await relayed(t, name, previous.id, `seq ${previous.seq} of device ${device.index} (sent to ${previous.node})`);
  }
  const stampedMs = Date.now() + (name === state.fast ? state.skewMs : 0) + (t.dagSkews[name] ?? 0);
  const seq = device.seq;
  let payload;
  let entry;
  if (seq % 4 === 3) {
    const to = state.devices[device.index === 1 ? 2 : 1];
    payload = transfer(to.key, AMOUNT);
    entry = { kind: 'transfer', to: to.index, amount: AMOUNT.toString() };
  } else {
    t.digest += 1;
    payload = record('0x' + t.digest.toString(16).padStart(64, '0'));
    entry = { kind: 'record' };
  }
  const skew = stampedMs - Date.now();
  const ahead = skew > 1000 ? `, stamped about ${Math.round(skew / 1000)} s ahead by ${name}'s clock` : '';
  const what = `${entry.kind} seq ${seq} of device ${device.index} to ${name}${ahead}`;
  try {
    const limits = await t.rpc[name].send('dag_limits', []);
    const made = await makeTx({ genesis: state.genesis, seed: device.seed, seq, parents: limits.tips,
      difficulty: limits.difficulty, timestampMs: stampedMs, payload });
    const id = await t.rpc[name].send('dag_submit', [made.tx]);
    if (id !== made.id) throw new Error(`dag_submit returned ${id}, dag-tx made ${made.id}`);
    device.seq += 1;
    t.last[device.index] = { id, node: name, seq };
    t.sent.push({ id, node: name, device: device.index, seq, ...entry, stampedMs, phase });
    return id;
  } catch (e) {
    throw new Error(`${what}: ${e.message}`);
  }
}

async function loop(t) {
  const honest = t.state.devices.filter((d) => d.index !== 0);
  let turn = 0;
  let h = 0;
  while (!t.stopping) {
    const name = t.targets[turn++ % t.targets.length];
    const device = name === t.state.fast ? t.state.devices[0] : honest[h++ % honest.length];
    t.inflight = submitOne(t, name, device, 'traffic');
    try {
      await t.inflight;
    } catch (e) {
      t.error = e;
      console.log(`DAG traffic stopped: ${e.message}`);
      return;
    }
    await sleep(GAP_MS);
  }
}

/** The traffic, unless it failed: then its connections are closed and the error thrown. */
async function running() {
  if (!traffic) throw new Error('no DAG traffic: "start" has not run (or failed)');
  const t = traffic;
  if (t.error) {
    t.stopping = true;
    traffic = null;
    for (const r of Object.values(t.rpc)) await r.close();
    throw new Error(`DAG traffic failed: ${t.error.message}`);
  }
  return t;
}

async function chainNow(networkInfo, name) {
  const api = await connect(networkInfo, name);
  const head = await finalized(api);
  const at = await api.at(head.hash);
  const open = (await at.query.dagAnchor.openEpoch()).unwrapOr(null);
  const next = (await at.query.dagAnchor.nextEpoch()).toNumber();
  await api.disconnect();
  return { block: head.number, open: open ? open.epoch.toNumber() : null, next };
}

async function run(nodeName, networkInfo, args) {
  const [command, ...names] = args;
  if (command === 'start') {
    if (traffic) throw new Error('DAG traffic is running already');
    const state = load(networkInfo, 'dag-skew');
    const t = { networkInfo, state, targets: [], rpc: {}, last: {}, sent: [...state.sent], digest: 0, error: null,
      stopping: false, inflight: null, startedAt: Date.now(), dagSkews: {} };
    for (const p of state.sent) t.last[p.device] = { id: p.id, node: p.node, seq: p.seq };
    t.start = await chainNow(networkInfo, nodeName);
    for (const entry of names) {
      const [name, skew] = entry.split('+');
      if (skew !== undefined) t.dagSkews[name] = Number(skew);
      await open(t, name);
    }
    traffic = t;
    t.loop = loop(t);
    return t.targets.length;
  }
  if (command === 'leave') {
    const t = await running();
    t.targets = t.targets.filter((n) => !names.includes(n));
    if (t.targets.length === 0) throw new Error('no node left to send to');
    await t.inflight?.catch(() => {});
    await running();
    for (const [device, last] of Object.entries(t.last)) {
      if (names.includes(last.node)) {
        await relayed(t, t.targets[0], last.id, `seq ${last.seq} of device ${device} (sent to ${last.node})`);
      }
    }
    for (const name of names) {
      await t.rpc[name]?.close();
      delete t.rpc[name];
    }
    await running();
    console.log(`DAG traffic now to ${t.targets.join(', ')}`);
    return t.targets.length;
  }
  if (command === 'back') {
    const t = await running();
    for (const name of names) await open(t, name);
    const now = await chainNow(networkInfo, nodeName);
    t.returned = { nodes: names, ...now, firstChecked: (now.open ?? now.next) + 1 };
    console.log(`DAG traffic now to ${t.targets.join(', ')}; ${names.join(', ')} back at #${now.block}, ` +
      `epoch ${now.open !== null ? `${now.open} open` : `${now.next} next`}: every node must cut the same ` +
      `batches from epoch ${t.returned.firstChecked} on`);
    return t.targets.length;
  }
  if (command === 'stop') {
    const t = await running();
    t.stopping = true;
    await t.loop;
    await running();
    const seconds = (Date.now() - t.startedAt) / 1000;
    const tracked = t.sent.length;
    const byNode = {};
    for (const s of t.sent) byNode[s.node] = (byNode[s.node] || 0) + 1;
    console.log(`${tracked} DAG transactions in ${seconds.toFixed(0)} s (probes included): ` +
      Object.entries(byNode).map(([n, c]) => `${n} ${c}`).join(', '));

    // The tail: records to `nodeName` until it holds everything sent as confirmed.
    traffic = null;
    try {
      if (!t.rpc[nodeName]) await open(t, nodeName);
      const rpc = t.rpc[nodeName];
      const honest = t.state.devices.filter((d) => d.index !== 0);
      let waiting = t.sent.map((s) => s.id);
      for (let i = 0; ; i++) {
        const statuses = await Promise.all(waiting.map(async (id) => statusOf(await rpc.send('dag_status', [id]))));
        waiting = waiting.filter((_, k) => !['confirmed', 'anchored'].includes(statuses[k]?.status));
        if (waiting.length === 0) break;
        if (i === MAX_TAIL) {
          throw new Error(`${waiting.length} transactions still not confirmed on ${nodeName} after ${MAX_TAIL} ` +
            `confirming records, e.g. ${waiting.slice(0, 3).join(', ')}`);
        }
        await submitOne(t, nodeName, honest[i % honest.length], 'tail');
        await sleep(100);
      }
    } finally {
      for (const r of Object.values(t.rpc)) await r.close();
    }
    save(networkInfo, 'dag-traffic', { ...t.state, sent: t.sent, start: t.start, returned: t.returned ?? null });
    console.log(`then ${t.sent.length - tracked} records to confirm them`);
    return tracked;
  }
  throw new Error(`unknown command "${command}" (start, leave, back, stop)`);
}

module.exports = { run };
