// Drill 0006, last step, on node `nodeName`; args: the nodes dag-skew-anchored.js ran on.
//   - every node puts each transaction in the same epoch;
//   - at `nodeName`'s finalized block, each anchor's count is exactly the number of the drill's
//     transactions anchored in that epoch (the drill's are the only DAG transactions, so none
//     is in two batches and nothing else is in any), and every device's locked ITC is what it
//     had after setup plus the transfers anchored;
//   - from the epoch noted when the stopped validator came back (dag-traffic.js "back") on, no
//     `DagAnchor.Outvoted` and no `EpochTimedOut`, every epoch opened is anchored (at least
//     two), and every node's own summary of it (what its anchor service cut and left for the
//     off-chain worker, read with `offchain_localStorageGet`) hashes to the anchored one;
//     every node has such a summary for at least one of those epochs;
//   - no `SettlementFailed` at all.
// Returns how many epochs were anchored from the return on.
const { hexToU8a, stringToU8a, u8aConcat, u8aToHex } = require('@polkadot/util');
const { blake2AsHex } = require('@polkadot/util-crypto');
const { connect, finalized, load, rawRpc, sleep } = require('./common.js');
const { statusOf } = require('./dag.js');

const SUMMARY_PREFIX = stringToU8a('itc/anchor/summary/');

function summaryKey(epoch) {
  const le = new Uint8Array(4);
  new DataView(le.buffer).setUint32(0, epoch, true);
  return u8aToHex(u8aConcat(SUMMARY_PREFIX, le));
}

/** Anchors at `at`: epoch → { count, summaryHash }. */
async function anchorsAt(at) {
  const out = new Map();
  for (const [key, value] of await at.query.dagAnchor.anchors.entries()) {
    const anchor = value.unwrap();
    out.set(key.args[0].toNumber(), { count: anchor.count.toNumber(), summaryHash: anchor.summaryHash.toHex() });
  }
  return out;
}

async function run(nodeName, networkInfo, args) {
  const nodes = args.length ? args : Object.keys(networkInfo.nodesByName);
  const { sent, returned, devices, fast } = load(networkInfo, 'dag-traffic');
  if (!returned) throw new Error('no return was noted: dag-traffic.js "back" did not run');
  const { firstChecked } = returned;

  // Each transaction in one epoch, the same on every node.
  const views = Object.fromEntries(nodes.map((n) => [n, load(networkInfo, `anchored-${n}`).epochs]));
  for (const s of sent) {
    const seen = nodes.filter((n) => views[n][s.id] !== undefined);
    if (new Set(seen.map((n) => views[n][s.id])).size > 1) {
      throw new Error(`${s.id} is anchored in different epochs: ${seen.map((n) => `${views[n][s.id]} on ${n}`).join(', ')}`);
    }
  }

  // Anchor counts against the drill's transactions, at one finalized block; the node marks an
  // anchor's transactions just after finalizing it, hence the retries.
  const api = await connect(networkInfo, nodeName);
  const rpc = await rawRpc(networkInfo, nodeName);
  let head;
  let anchors;
  let epochOf;
  const deadline = Date.now() + 30000;
  for (;;) {
    head = await finalized(api);
    anchors = await anchorsAt(await api.at(head.hash));
    const last = Math.max(-1, ...anchors.keys());
    epochOf = new Map();
    for (const s of sent) {
      const status = statusOf(await rpc.send('dag_status', [s.id]));
      if (status?.status !== 'anchored') continue;
      const epoch = status.epoch ?? (await rpc.send('dag_proof', [s.id]))?.epoch;
      if (epoch !== undefined && epoch <= last) epochOf.set(s.id, epoch);
    }
    const ours = new Map();
    for (const epoch of epochOf.values()) ours.set(epoch, (ours.get(epoch) || 0) + 1);
    const wrong = [...anchors].filter(([e, a]) => (ours.get(e) || 0) !== a.count)
      .map(([e, a]) => `epoch ${e}: anchor count ${a.count}, ${ours.get(e) || 0} of the drill's transactions`);
    for (const e of ours.keys()) if (!anchors.has(e)) wrong.push(`epoch ${e}: transactions but no anchor`);
    if (wrong.length === 0) break;
    if (Date.now() > deadline) {
      throw new Error(`at #${head.number} the anchors do not hold exactly the drill's transactions: ${wrong.join('; ')}`);
    }
    await sleep(1000);
  }
  const total = [...anchors.values()].reduce((sum, a) => sum + a.count, 0);
  console.log(`at #${head.number}: ${anchors.size} anchors hold ${total} transactions, each of the drill's once`);

  // Locked ITC: what setup left plus the transfers anchored by then.
  const expected = devices.map((d) => BigInt(d.locked));
  for (const s of sent) {
    if (s.kind === 'transfer' && epochOf.has(s.id)) {
      expected[s.device] -= BigInt(s.amount);
      expected[s.to] += BigInt(s.amount);
    }
  }
  const at = await api.at(head.hash);
  for (const d of devices) {
    const locked = (await at.query.dagAccounts.accounts(d.address)).unwrap().locked.toBigInt();
    if (locked !== expected[d.index]) {
      throw new Error(`device ${d.index} has ${locked} plancks locked at #${head.number}, expected ${expected[d.index]}`);
    }
  }

  // The anchor pallet's events, from genesis to that block.
  const sr = new zombie.Keyring({ type: 'sr25519' });
  const names = new Map(['Alice', 'Bob', 'Charlie', 'Dave'].map((n) => [u8aToHex(sr.addFromUri(`//${n}`).publicKey), n.toLowerCase()]));
  const opened = new Set();
  const problems = [];
  for (let n = 1; n <= head.number; n++) {
    const events = await (await api.at(await api.rpc.chain.getBlockHash(n))).query.system.events();
    for (const { event } of events) {
      if (event.section !== 'dagAnchor') continue;
      const epoch = event.data.epoch?.toNumber();
      const who = event.data.validator ? names.get(event.data.validator.toHex()) ?? event.data.validator.toHex() : '';
      if (event.method === 'EpochOpened') opened.add(epoch);
      else if (event.method === 'SettlementFailed') problems.push(`#${n}: SettlementFailed, epoch ${epoch}`);
      else if (event.method === 'Outvoted' || event.method === 'EpochTimedOut') {
        const line = `#${n}: ${event.method}, epoch ${epoch}${who ? `, ${who}` : ''}`;
        if (epoch >= firstChecked) problems.push(line);
        else console.log(`before the return (epoch < ${firstChecked}): ${line}`);
      }
    }
  }
  if (problems.length > 0) throw new Error(problems.join('; '));
  const open = (await at.query.dagAnchor.openEpoch()).unwrapOr(null)?.epoch.toNumber();
  const unanchored = [...opened].filter((e) => e >= firstChecked && !anchors.has(e) && e !== open);
  if (unanchored.length > 0) throw new Error(`epochs opened but not anchored by #${head.number}: ${unanchored.join(', ')}`);
  const checked = [...anchors.keys()].filter((e) => e >= firstChecked).sort((a, b) => a - b);
  if (checked.length < 2) {
    throw new Error(`only ${checked.length} epochs anchored from epoch ${firstChecked} (after the return) to #${head.number}`);
  }

  // Every node's own summary of those epochs.
  const matching = Object.fromEntries(nodes.map((n) => [n, []]));
  const missing = [];
  for (const n of nodes) {
    const r = await rawRpc(networkInfo, n);
    for (const e of checked) {
      const bytes = await r.send('offchain_localStorageGet', ['PERSISTENT', summaryKey(e)]);
      if (!bytes) {
        missing.push(`${n} ${e}`);
        continue;
      }
      const hash = blake2AsHex(hexToU8a(bytes), 256);
      if (hash !== anchors.get(e).summaryHash) {
        throw new Error(`${n} cut epoch ${e} as summary ${hash}; the anchored one is ${anchors.get(e).summaryHash}`);
      }
      matching[n].push(e);
    }
    await r.close();
  }
  const none = nodes.filter((n) => matching[n].length === 0);
  if (none.length > 0) throw new Error(`no summary of epochs ${checked.join(', ')} on ${none.join(', ')}`);
  console.log(`epochs ${checked.join(', ')} anchored after the return; every summary cut there is the anchored ` +
    `one (${nodes.map((n) => `${n} ${matching[n].length}`).join(', ')} of ${checked.length}` +
    `${missing.length ? `; not cut: ${missing.join(', ')}` : ''}); ${fast} included`);
  await rpc.close();
  await api.disconnect();
  return checked.length;
}

module.exports = { run };
