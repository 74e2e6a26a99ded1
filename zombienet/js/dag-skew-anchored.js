// Drill 0006, on each node: every transaction sent before the confirming tail (dag-traffic.js)
// is anchored here (`dag_status`, waiting up to args[0] seconds), and every one this node has
// anchored — tail included — has a `dag_proof` in the epoch `dag_status` names, with effect
// `applied` (nothing in this traffic may be void), whose leaf count is that epoch's anchor
// count and which the runtime verifies at this node's finalized block (and refuses with another
// effect). Saves id → epoch for dag-skew-agreement.js; returns how many it verified.
const { connect, finalized, load, rawRpc, save, sleep } = require('./common.js');
const { EFFECTS, effectByte, statusOf, verifyInclusion } = require('./dag.js');

/** `f` over `items`, `n` at a time. */
async function inChunks(items, n, f) {
  const out = [];
  for (let i = 0; i < items.length; i += n) out.push(...(await Promise.all(items.slice(i, i + n).map(f))));
  return out;
}

/** What is not anchored yet, for the error. */
function describe(nodeName, missing, statuses, seconds) {
  const counts = {};
  for (const s of missing) {
    const status = statuses.get(s.id)?.status ?? 'unknown here';
    counts[status] = (counts[status] || 0) + 1;
  }
  const examples = missing.slice(0, 3).map((s) =>
    `${s.id} (${s.kind} seq ${s.seq} of device ${s.device}, sent to ${s.node}, ${statuses.get(s.id)?.status ?? 'unknown here'})`);
  return `${missing.length} transactions sent are not anchored on ${nodeName} after ${seconds} s ` +
    `(${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ')}), e.g. ${examples.join('; ')}`;
}

async function run(nodeName, networkInfo, args) {
  const seconds = Number(args[0] || 120);
  const { sent } = load(networkInfo, 'dag-traffic');
  const tracked = sent.filter((s) => s.phase !== 'tail');
  const api = await connect(networkInfo, nodeName);
  const rpc = await rawRpc(networkInfo, nodeName);

  const statuses = new Map();
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    await inChunks(sent, 32, async (s) => statuses.set(s.id, statusOf(await rpc.send('dag_status', [s.id]))));
    const missing = tracked.filter((s) => statuses.get(s.id)?.status !== 'anchored');
    if (missing.length === 0) break;
    if (Date.now() > deadline) throw new Error(describe(nodeName, missing, statuses, seconds));
    await sleep(1000);
  }

  const head = await finalized(api);
  const at = await api.at(head.hash);
  const anchored = sent.filter((s) => statuses.get(s.id)?.status === 'anchored');
  const epochs = {};
  await inChunks(anchored, 16, async (s) => {
    const status = statuses.get(s.id);
    const p = await rpc.send('dag_proof', [s.id]);
    if (!p) throw new Error(`${nodeName} says ${s.id} is anchored but has no proof of it`);
    if (status.epoch !== undefined && status.epoch !== p.epoch) {
      throw new Error(`${nodeName}: dag_status puts ${s.id} in epoch ${status.epoch}, dag_proof in ${p.epoch}`);
    }
    if (p.effect !== 'applied' || (status.effect !== undefined && status.effect !== p.effect)) {
      throw new Error(`${nodeName}: ${s.id} (${s.kind} seq ${s.seq} of device ${s.device}) is anchored in epoch ` +
        `${p.epoch} as "${p.effect}" (dag_status: "${status.effect}"), not "applied"`);
    }
    const anchor = (await at.query.dagAnchor.anchors(p.epoch)).unwrapOr(null);
    if (!anchor) throw new Error(`${nodeName}: ${s.id} is anchored in epoch ${p.epoch}, which has no anchor at #${head.number}`);
    if (anchor.count.toNumber() !== p.leafCount) {
      throw new Error(`${nodeName}: the proof of ${s.id} has ${p.leafCount} leaves, epoch ${p.epoch}'s anchor ${anchor.count}`);
    }
    if (!(await verifyInclusion(api, head.hash, p.epoch, s.id, p.effect, p))) {
      throw new Error(`${nodeName}: the proof of ${s.id} in epoch ${p.epoch} does not verify at #${head.number}`);
    }
    if (await verifyInclusion(api, head.hash, p.epoch, s.id, (effectByte(p.effect) + 1) % EFFECTS.length, p)) {
      throw new Error(`${nodeName}: the proof of ${s.id} verifies with another effect too`);
    }
    epochs[s.id] = p.epoch;
  });
  save(networkInfo, `anchored-${nodeName}`, { head: head.number, epochs });
  console.log(`${nodeName}: ${tracked.length} sent and ${anchored.length - tracked.length} of the ` +
    `${sent.length - tracked.length} confirming records anchored, in epochs ` +
    `${Math.min(...Object.values(epochs))}–${Math.max(...Object.values(epochs))}; every proof verifies at #${head.number}`);
  await rpc.close();
  await api.disconnect();
  return anchored.length;
}

module.exports = { run };
