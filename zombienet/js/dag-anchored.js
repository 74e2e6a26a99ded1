// Drill 0005, step 2: on node `nodeName`, the transactions saved by step 1 are anchored; the
// node's `dag_proof` gives each one's proof, which the runtime verifies at the finalized
// block against an anchor that at least two thirds of the validators proposed (the
// `Anchored` event's block shows the proposals); the receiver's micro-account was credited.
// Returns how many transactions it verified.
const { connect, load, rawRpc, until } = require('./common.js');
const { EFFECTS, effectByte, statusOf, verifyInclusion } = require('./dag.js');

async function run(nodeName, networkInfo) {
  const api = await connect(networkInfo, nodeName);
  const { ids, receiver, before, moved } = load(networkInfo, 'dag-anchor');
  const raw = await rawRpc(networkInfo, nodeName);
  const send = raw.send;
  for (const id of ids) {
    await until(async () => statusOf(await send('dag_status', [id]))?.status === 'anchored');
  }
  const head = await api.rpc.chain.getFinalizedHead();
  const finalized = await api.at(head);
  const validators = (await finalized.query.aura.authorities()).length;
  if (validators !== 4) throw new Error(`expected 4 validators, found ${validators}`);
  let verified = 0;
  for (const id of ids) {
    const p = await send('dag_proof', [id]);
    if (!p) throw new Error(`no proof for ${id}`);
    const anchor = (await finalized.query.dagAnchor.anchors(p.epoch)).unwrap();
    // The proposals that made the anchor: at least three validators' in its block or before.
    const events = await (await api.at(await api.rpc.chain.getBlockHash(anchor.at))).query.system.events();
    const anchored = events.map((r) => r.event).find((e) => e.section === 'dagAnchor' && e.method === 'Anchored');
    if (!anchored || anchored.data.epoch.toNumber() !== p.epoch) throw new Error('no Anchored event at the anchor');
    if (!(await verifyInclusion(api, head, p.epoch, id, p.effect, p))) {
      throw new Error(`the proof of ${id} does not verify`);
    }
    if (await verifyInclusion(api, head, p.epoch, id, (effectByte(p.effect) + 1) % EFFECTS.length, p)) {
      throw new Error(`the proof of ${id} verifies with the other effect`);
    }
    // Two thirds of the four validators proposed the anchored summary.
    const proposed = events.map((r) => r.event).filter((e) => e.section === 'dagAnchor' && e.method === 'Proposed' &&
      e.data.epoch.toNumber() === p.epoch && e.data.summaryHash.toHex() === anchor.summaryHash.toHex());
    const votes = Math.max(0, ...proposed.map((e) => e.data.votes.toNumber()));
    if (votes < 3) throw new Error(`the anchoring proposal had ${votes} votes, fewer than 3 of 4`);
    verified += 1;
  }
  const locked = (await finalized.query.dagAccounts.accounts(receiver)).unwrap().locked.toBigInt();
  if (locked !== BigInt(before) + BigInt(moved)) throw new Error(`receiver has ${locked}, expected ${BigInt(before) + BigInt(moved)}`);
  await raw.close();
  await api.disconnect();
  return verified;
}

module.exports = { run };
