// After validators came back: waits until the node finalizes `args[0]` blocks beyond the one
// `finality-stalls.js` saved, and checks that block was not reverted (same hash at its
// height). Returns the number of blocks finalized beyond it.
const { connect, finalized, hashAt, load, until } = require('./common.js');

async function run(nodeName, networkInfo, args) {
  const blocks = Number(args[0] || 3);
  const stalled = load(networkInfo, 'stalled');
  const api = await connect(networkInfo, nodeName);
  const now = await until(async () => {
    const head = await finalized(api);
    return head.number >= stalled.number + blocks ? head : null;
  });
  const hash = await hashAt(api, stalled.number);
  await api.disconnect();
  if (hash !== stalled.hash) {
    throw new Error(`finalized #${stalled.number} was ${stalled.hash}, now ${hash}: reverted`);
  }
  return now.number - stalled.number;
}

module.exports = { run };
