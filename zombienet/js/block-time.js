// The mean time between the node's next `args[0]` blocks, in milliseconds, from the blocks'
// own timestamps (the timestamp inherent).
const { best, connect, until } = require('./common.js');

async function run(nodeName, networkInfo, args) {
  const blocks = Number(args[0] || 10);
  const api = await connect(networkInfo, nodeName);
  const start = await best(api);
  await until(async () => (await best(api)) >= start + blocks);
  const momentAt = async (number) =>
    (await (await api.at(await api.rpc.chain.getBlockHash(number))).query.timestamp.now()).toNumber();
  const mean = ((await momentAt(start + blocks)) - (await momentAt(start))) / blocks;
  await api.disconnect();
  console.log(`${blocks} blocks after #${start}: ${mean} ms apart on average`);
  return mean;
}

module.exports = { run };
