// Drill 0005, step 1: on node `nodeName`, a manufacturer (//Bob, approved by //Alice's sudo)
// registers two devices whose ed25519 keys come from fixed test seeds, //Charlie claims them
// with device-signed proofs and locks 1 ITC for each; then
// device 0 sends device 1 0.25 ITC and two records over the DAG, and device 1 sends ten
// records that confirm them. Transactions are made by `itc-node dag-tx`. Saves the ids.
const { execFileSync } = require('child_process');
const { hexToU8a, stringToHex, stringToU8a, u8aConcat, u8aToHex } = require('@polkadot/util');
const { connect, rawRpc, save, until } = require('./common.js');

const ITC = 10n ** 12n;
const SEEDS = ['0x' + 'a1'.repeat(32), '0x' + 'a2'.repeat(32)];

function send(api, tx, signer) {
  return new Promise((resolve, reject) => {
    tx.signAndSend(signer, ({ status, events, dispatchError }) => {
      if (dispatchError) reject(new Error(`${tx.method.section}.${tx.method.method}: ${dispatchError.toString()}`));
      else if (status.isInBlock) resolve(events);
    }).catch(reject);
  });
}

async function run(nodeName, networkInfo) {
  const api = await connect(networkInfo, nodeName);
  const sr = new zombie.Keyring({ type: 'sr25519' });
  const [alice, maker, owner] = ['//Alice', '//Bob', '//Charlie'].map((u) => sr.addFromUri(u));
  const ed = new zombie.Keyring({ type: 'ed25519' });
  const keys = SEEDS.map((seed) => ed.addFromSeed(hexToU8a(seed)));

  let events = await send(api, api.tx.manufacturers.apply('0x41636d65', '0x4445', '0x'), maker);
  const id = events.map((r) => r.event).find((e) => e.method === 'Applied').data.id;
  await send(api, api.tx.sudo.sudo(api.tx.manufacturers.approve(id, 2)), alice);
  events = await send(api, api.tx.devices.register(keys.map((k, i) => ({
    model: '0x5a4e', serial: stringToHex(`ZN-${i}`), key: { Ed25519: u8aToHex(k.publicKey) },
  }))), maker);
  const codes = events.map((r) => r.event).filter((e) => e.method === 'DeviceRegistered').map((e) => e.data.code);
  // docs/DEVICES.md: "itc/device/claim/v1" ‖ genesis ‖ code ‖ owner ‖ nonce (u32 LE, 0 first).
  const claims = codes.map((code, i) => {
    const message = u8aConcat(stringToU8a('itc/device/claim/v1'), api.genesisHash.toU8a(), code.toU8a(),
      owner.publicKey, new Uint8Array(4));
    return api.tx.devices.claim(code, { Ed25519: u8aToHex(keys[i].sign(message)) });
  });
  await send(api, api.tx.utility.batchAll([
    ...claims,
    ...keys.map((k) => api.tx.dagAccounts.lock(k.address, ITC)),
  ]), owner);
  // The DAG service reads devices and locks at the finalized block.
  const best = (await api.rpc.chain.getHeader()).number.toNumber();
  await until(async () => (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber() >= best);
  const before = (await api.query.dagAccounts.accounts(keys[1].address)).unwrap().locked.toString();

  const raw = await rawRpc(networkInfo, nodeName);
  const rpc = (_, method, params) => raw.send(method, params);
  const genesis = api.genesisHash.toHex();
  const seqs = [0, 0];
  const submit = async (i, payload) => {
    const limits = await rpc(api, 'dag_limits', []);
    const out = execFileSync(process.env.ITC_NODE, ['dag-tx', '--genesis', genesis, '--seed', SEEDS[i],
      '--seq', String(seqs[i]++), '--parents', ...limits.tips, '--difficulty', String(limits.difficulty), ...payload]);
    const { id, tx } = JSON.parse(out.toString());
    if ((await rpc(api, 'dag_submit', [tx])) !== id) throw new Error('dag_submit returned another id');
    return id;
  };
  const record = (tag) => ['--digest', '0x' + tag.toString(16).padStart(2, '0').repeat(32), '--size', '64'];
  const pay = await submit(0, ['--to', u8aToHex(keys[1].publicKey), '--amount', String(ITC / 4n)]);
  const ids = [pay, await submit(0, record(1)), await submit(0, record(2))];
  for (let i = 0; i < 10; i++) await submit(1, record(16 + i));
  save(networkInfo, 'dag-anchor', { ids, pay, receiver: keys[1].address, before, moved: (ITC / 4n).toString() });
  await raw.close();
  await api.disconnect();
  return ids.length;
}

module.exports = { run };
