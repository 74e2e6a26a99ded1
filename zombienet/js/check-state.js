// After a full restart: the chain continues from the last finalized block — that block is still
// there with the same hash, finality advances `args[0]` blocks beyond it — and the balance
// recorded before the restart is intact. Returns the number of blocks finalized since.
const { connect, finalized, hashAt, load, until } = require('./common.js');

async function run(nodeName, networkInfo, args) {
  const blocks = Number(args[0] || 3);
  const before = load(networkInfo, 'before-restart');
  const api = await connect(networkInfo, nodeName);
  const hash = await hashAt(api, before.number);
  if (hash !== before.hash) throw new Error(`#${before.number} is ${hash}, was ${before.hash}`);
  const now = await until(async () => {
    const head = await finalized(api);
    return head.number >= before.number + blocks ? head : null;
  });
  const balance = (await api.query.system.account(before.recipient)).data.free.toBigInt();
  await api.disconnect();
  if (balance.toString() !== before.balance) {
    throw new Error(`balance ${balance} after the restart, ${before.balance} before`);
  }
  return now.number - before.number;
}

module.exports = { run };
