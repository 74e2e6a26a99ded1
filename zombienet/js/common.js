// Helpers shared by the drills' scripts. Zombienet runs each script with a global `zombie`
// (@polkadot/api and util-crypto) and calls `run(nodeName, networkInfo, args)`.
const fs = require('fs');
const path = require('path');

/** An API connected to node `name`. */
async function connect(networkInfo, name) {
  return zombie.connect(networkInfo.nodesByName[name].wsUri);
}

/** The node's finalized block: { number, hash }. */
async function finalized(api) {
  const hash = await api.rpc.chain.getFinalizedHead();
  const header = await api.rpc.chain.getHeader(hash);
  return { number: header.number.toNumber(), hash: hash.toHex() };
}

/** The node's best block number. */
async function best(api) {
  return (await api.rpc.chain.getHeader()).number.toNumber();
}

/** The hash the node has at block `number` (`null` if it has none). */
async function hashAt(api, number) {
  const hash = await api.rpc.chain.getBlockHash(number);
  return hash.isEmpty ? null : hash.toHex();
}

/** Raw JSON-RPC to node `name` (for methods @polkadot/api does not decorate, like `dag_*`):
 * resolves with `{ send(method, params), close() }`. */
async function rawRpc(networkInfo, name) {
  const provider = new zombie.WsProvider(networkInfo.nodesByName[name].wsUri);
  await provider.isReady;
  return { send: (method, params) => provider.send(method, params), close: () => provider.disconnect() };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` every second until it returns a truthy value. */
async function until(check) {
  for (;;) {
    const value = await check();
    if (value) return value;
    await sleep(1000);
  }
}

/** State a drill keeps between its steps, in the network's temporary directory. */
function save(networkInfo, name, value) {
  fs.writeFileSync(path.join(networkInfo.tmpDir, `${name}.json`), JSON.stringify(value));
}

function load(networkInfo, name) {
  return JSON.parse(fs.readFileSync(path.join(networkInfo.tmpDir, `${name}.json`), 'utf8'));
}

module.exports = { best, connect, finalized, hashAt, load, rawRpc, save, sleep, until };
