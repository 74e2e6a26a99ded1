// Before a full restart: Alice sends `args[0]` ITC to a fresh account and waits for the block to
// be finalized; saves the finalized block and the balance to check after the restart.
const { connect, finalized, save } = require('./common.js');

const ITC = 10n ** 12n;

async function run(nodeName, networkInfo, args) {
  const api = await connect(networkInfo, nodeName);
  const keyring = new zombie.Keyring({ type: 'sr25519' });
  const alice = keyring.addFromUri('//Alice');
  const recipient = keyring.addFromUri('//ZombienetRestartDrill').address;
  const amount = BigInt(args[0] || 42) * ITC;
  await new Promise((resolve, reject) => {
    api.tx.balances.transferKeepAlive(recipient, amount).signAndSend(alice, ({ status, dispatchError }) => {
      if (dispatchError) reject(new Error(dispatchError.toString()));
      if (status.isFinalized) resolve();
    }).catch(reject);
  });
  const head = await finalized(api);
  const balance = (await api.query.system.account(recipient)).data.free.toBigInt();
  await api.disconnect();
  if (balance !== amount) throw new Error(`recipient has ${balance}, expected ${amount}`);
  save(networkInfo, 'before-restart', { ...head, recipient, balance: balance.toString() });
  return head.number;
}

module.exports = { run };
