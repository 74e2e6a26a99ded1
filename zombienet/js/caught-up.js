// Waits until this node has finalized what `args[0]` (a reference node) has finalized now,
// with the same hash; returns 1.
const { connect, finalized, hashAt, until } = require('./common.js');

async function run(nodeName, networkInfo, args) {
  const reference = await connect(networkInfo, args[0]);
  const target = await finalized(reference);
  await reference.disconnect();
  const api = await connect(networkInfo, nodeName);
  await until(async () => (await finalized(api)).number >= target.number);
  const hash = await hashAt(api, target.number);
  await api.disconnect();
  if (hash !== target.hash) throw new Error(`${nodeName} has ${hash} at #${target.number}, not ${target.hash}`);
  return 1;
}

module.exports = { run };
