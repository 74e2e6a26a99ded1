// With too few validators for a 2/3 GRANDPA majority: watches for `args[0]` seconds that new
// blocks are still produced while the finalized block stays put. Saves the finalized block
// for `finality-resumes.js`; returns how many blocks were finalized meanwhile (0 expected).
const { best, connect, finalized, save, sleep } = require('./common.js');

async function run(nodeName, networkInfo, args) {
  const seconds = Number(args[0] || 30);
  const api = await connect(networkInfo, nodeName);
  const [before, bestBefore] = [await finalized(api), await best(api)];
  await sleep(seconds * 1000);
  const [after, bestAfter] = [await finalized(api), await best(api)];
  await api.disconnect();
  if (bestAfter - bestBefore < 3) {
    throw new Error(`only ${bestAfter - bestBefore} new blocks in ${seconds} s: block production stopped`);
  }
  save(networkInfo, 'stalled', after);
  console.log(`best #${bestBefore} → #${bestAfter}, finalized #${before.number} → #${after.number}`);
  return after.number - before.number;
}

module.exports = { run };
