// Drill 0005, step 1: on node `nodeName`, a manufacturer (//Bob, approved by //Alice's sudo)
// registers two devices whose ed25519 keys come from fixed test seeds, //Charlie claims them
// with device-signed proofs and locks 1 ITC for each; then
// device 0 sends device 1 0.25 ITC and two records over the DAG, and device 1 sends ten
// records that confirm them. Transactions are made by `itc-node dag-tx`. Saves the ids.
const { u8aToHex } = require('@polkadot/util');
const { connect, rawRpc, save } = require('./common.js');
const { ITC, makeTx, record, registerDevices, transfer } = require('./dag.js');

const SEEDS = ['0x' + 'a1'.repeat(32), '0x' + 'a2'.repeat(32)];

async function run(nodeName, networkInfo) {
  const api = await connect(networkInfo, nodeName);
  const keys = await registerDevices(api, SEEDS, ITC);
  const before = (await api.query.dagAccounts.accounts(keys[1].address)).unwrap().locked.toString();

  const raw = await rawRpc(networkInfo, nodeName);
  const genesis = api.genesisHash.toHex();
  const seqs = [0, 0];
  const submit = async (i, payload) => {
    const limits = await raw.send('dag_limits', []);
    const { id, tx } = await makeTx({ genesis, seed: SEEDS[i], seq: seqs[i]++, parents: limits.tips,
      difficulty: limits.difficulty, payload });
    if ((await raw.send('dag_submit', [tx])) !== id) throw new Error('dag_submit returned another id');
    return id;
  };
  const tag = (n) => record('0x' + n.toString(16).padStart(2, '0').repeat(32));
  const pay = await submit(0, transfer(u8aToHex(keys[1].publicKey), ITC / 4n));
  const ids = [pay, await submit(0, tag(1)), await submit(0, tag(2))];
  for (let i = 0; i < 10; i++) await submit(1, tag(16 + i));
  save(networkInfo, 'dag-anchor', { ids, pay, receiver: keys[1].address, before, moved: (ITC / 4n).toString() });
  await raw.close();
  await api.disconnect();
  return ids.length;
}

module.exports = { run };
