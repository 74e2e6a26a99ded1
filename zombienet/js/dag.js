// DAG helpers shared by the drills' scripts (0005, 0006): devices registered, claimed and
// funded on chain; DAG transactions made by `itc-node dag-tx`; `dag_*` answers; inclusion
// proofs checked by the runtime. Not a step itself.
const { execFile } = require('child_process');
const { promisify } = require('util');
const { compactToU8a, hexToU8a, stringToHex, stringToU8a, u8aConcat, u8aToHex } = require('@polkadot/util');
const { finalized, sleep, until } = require('./common.js');

const ITC = 10n ** 12n;

/** The effects as `dag_proof` and `dag_status` name them, at their byte in the Merkle leaf
 * (docs/ANCHOR.md, "The cut"; tests/e2e/lib/anchor.mjs has the same list). */
const EFFECTS = ['applied', 'void', 'void-no-recipient', 'void-inactive-sender', 'void-conflict'];

/** The leaf byte of effect `name`. */
function effectByte(name) {
  const byte = EFFECTS.indexOf(name);
  if (byte < 0) throw new Error(`unknown effect "${name}" (known: ${EFFECTS.join(', ')})`);
  return byte;
}

/** Signs and sends `tx`; resolves with its events once it is in a block. */
function send(api, tx, signer) {
  return new Promise((resolve, reject) => {
    tx.signAndSend(signer, ({ status, events, dispatchError }) => {
      if (dispatchError) reject(new Error(`${tx.method.section}.${tx.method.method}: ${dispatchError.toString()}`));
      else if (status.isInBlock) resolve(events);
    }).catch(reject);
  });
}

/** Waits until the node behind `api` has finalized block `number`. */
async function finalizedAt(api, number) {
  return until(async () => {
    const head = await finalized(api);
    return head.number >= number ? head : null;
  });
}

/**
 * On the node behind `api`: a manufacturer (//Bob, approved by //Alice's sudo) registers one
 * device per ed25519 seed (hex), //Charlie claims them all with device-signed proofs and locks
 * `lock` plancks for each; waits until that is finalized (the DAG service reads devices and
 * locks at the finalized block). Returns the devices' key pairs, in the order of `seeds`.
 */
async function registerDevices(api, seeds, lock) {
  const sr = new zombie.Keyring({ type: 'sr25519' });
  const [alice, maker, owner] = ['//Alice', '//Bob', '//Charlie'].map((u) => sr.addFromUri(u));
  const ed = new zombie.Keyring({ type: 'ed25519' });
  const keys = seeds.map((seed) => ed.addFromSeed(hexToU8a(seed)));

  let events = await send(api, api.tx.manufacturers.apply('0x41636d65', '0x4445', '0x'), maker);
  const id = events.map((r) => r.event).find((e) => e.method === 'Applied').data.id;
  await send(api, api.tx.sudo.sudo(api.tx.manufacturers.approve(id, keys.length)), alice);
  events = await send(api, api.tx.devices.register(keys.map((k, i) => ({
    model: '0x5a4e', serial: stringToHex(`ZN-${i}`), key: { Ed25519: u8aToHex(k.publicKey) },
  }))), maker);
  const codes = events.map((r) => r.event).filter((e) => e.method === 'DeviceRegistered').map((e) => e.data.code);
  if (codes.length !== keys.length) throw new Error(`${codes.length} devices registered, ${keys.length} asked for`);
  // docs/DEVICES.md: "itc/device/claim/v1" ‖ genesis ‖ code ‖ owner ‖ nonce (u32 LE, 0 first).
  const claims = codes.map((code, i) => {
    const message = u8aConcat(stringToU8a('itc/device/claim/v1'), api.genesisHash.toU8a(), code.toU8a(),
      owner.publicKey, new Uint8Array(4));
    return api.tx.devices.claim(code, { Ed25519: u8aToHex(keys[i].sign(message)) });
  });
  await send(api, api.tx.utility.batchAll([
    ...claims,
    ...keys.map((k) => api.tx.dagAccounts.lock(k.address, lock)),
  ]), owner);
  await finalizedAt(api, (await api.rpc.chain.getHeader()).number.toNumber());
  return keys;
}

const runFile = promisify(execFile);

/**
 * A DAG transaction made and signed by `itc-node dag-tx` ($ITC_NODE): `{ id, sender, tx }`.
 * `payload` is `record(…)` or `transfer(…)`; `timestampMs` defaults to dag-tx's clock.
 */
async function makeTx({ genesis, seed, seq, parents, difficulty, timestampMs, payload }) {
  if (!process.env.ITC_NODE) throw new Error('ITC_NODE is not set (scripts/zombienet.sh sets it)');
  const args = ['dag-tx', '--genesis', genesis, '--seed', seed, '--seq', String(seq), '--parents', ...parents,
    '--difficulty', String(difficulty)];
  if (timestampMs !== undefined) args.push('--timestamp-ms', String(timestampMs));
  const { stdout } = await runFile(process.env.ITC_NODE, [...args, ...payload]);
  return JSON.parse(stdout);
}

/** `dag-tx` arguments of a data record with 32-byte `digest` (hex). */
const record = (digest, size = 64) => ['--digest', digest, '--size', String(size)];

/** `dag-tx` arguments of a transfer of `amount` plancks to `to` (32-byte hex). */
const transfer = (to, amount) => ['--to', to, '--amount', String(amount)];

/** A `dag_status` answer as `{ status, epoch?, effect? }`, or `null` (nodes that answer with
 * the status string alone give `{ status }`). */
function statusOf(answer) {
  if (answer === null || answer === undefined) return null;
  return typeof answer === 'string' ? { status: answer } : answer;
}

function u32le(n) {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n, true);
  return out;
}

/** `DagAnchorApi::verify_inclusion` by `state_call` at block `at` (this @polkadot/api does not
 * decorate it); `effect` is a name of EFFECTS or its byte, `p` a `dag_proof` answer. */
async function verifyInclusion(api, at, epoch, id, effect, p) {
  const byte = typeof effect === 'number' ? effect : effectByte(effect);
  const args = u8aConcat(u32le(epoch), hexToU8a(id), new Uint8Array([byte]), u32le(p.index), u32le(p.leafCount),
    compactToU8a(p.siblings.length), ...p.siblings.map((h) => hexToU8a(h)));
  const result = await api.rpc.state.call('DagAnchorApi_verify_inclusion', u8aToHex(args), at);
  return result.toHex() === '0x01';
}

/**
 * Raw JSON-RPC to `wsUri` that does not need zombie's globals (they are gone once a step
 * returns, and a background task outlives its step): `{ send(method, params), close() }`.
 * Each call fails after `timeoutMs` rather than waiting for the provider's minute.
 */
async function rpcAt(wsUri, timeoutMs = 15000) {
  const { WsProvider } = require('@polkadot/api');
  const provider = new WsProvider(wsUri, 1000, {}, timeoutMs);
  const connected = await Promise.race([provider.isReady.then(() => true), sleep(timeoutMs).then(() => false)]);
  if (!connected) {
    await provider.disconnect().catch(() => {});
    throw new Error(`no connection to ${wsUri} within ${timeoutMs} ms`);
  }
  return { send: (method, params) => provider.send(method, params), close: () => provider.disconnect() };
}

module.exports = {
  EFFECTS, ITC, effectByte, finalizedAt, makeTx, record, registerDevices, rpcAt, send, statusOf, transfer,
  verifyInclusion,
};
