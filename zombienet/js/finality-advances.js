// Waits until the node's finalized height has grown by `args[0]` blocks; returns the growth.
const { connect, finalized, until } = require('./common.js');

async function run(nodeName, networkInfo, args) {
  const blocks = Number(args[0] || 3);
  const api = await connect(networkInfo, nodeName);
  const start = (await finalized(api)).number;
  const reached = await until(async () => {
    const now = (await finalized(api)).number;
    return now - start >= blocks ? now : 0;
  });
  await api.disconnect();
  return reached - start;
}

module.exports = { run };
