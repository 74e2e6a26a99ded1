// Chain state several end-to-end tests start from.
import assert from 'node:assert/strict';
import { stringToHex, stringToU8a, u8aToHex } from '@polkadot/util';
import { claimMessage, deviceCode } from './device.mjs';
import { findEvent, send, sudo } from './tx.mjs';

/**
 * `maker` applies as a manufacturer and `alice` (sudo) approves it; it registers one device per
 * ed25519 key pair in `keys` (model `model`, serials `<prefix>-<i>`), and `owner` claims each
 * with a signature made by the device key (all in one `utility.batchAll`). Resolves with the
 * manufacturer id and the codes.
 */
export async function activeDevices(api, { alice, maker, owner }, keys, { model = 'TH-100', prefix = 'SN' } = {}) {
  let r = await send(api, api.tx.manufacturers.apply(
    stringToHex('Acme'), u8aToHex(stringToU8a('DE')), stringToHex('https://acme.example')), maker);
  assert.equal(r.error, undefined);
  const makerId = findEvent(r.events, 'manufacturers', 'Applied').data.id.toNumber();
  assert.equal(await sudo(api, api.tx.manufacturers.approve(makerId, keys.length), alice), undefined);
  const serial = (i) => `${prefix}-${i}`;
  r = await send(api, api.tx.devices.register(keys.map((key, i) => ({
    model: stringToHex(model), serial: stringToHex(serial(i)), key: { Ed25519: u8aToHex(key.publicKey) },
  }))), maker);
  assert.equal(r.error, undefined);
  const genesis = api.genesisHash.toU8a();
  // The owner claims every device in one call, each with a signature by the device key.
  const codes = keys.map((key, i) => deviceCode(makerId, stringToU8a(model), stringToU8a(serial(i)), key.publicKey));
  const claims = codes.map((code, i) => api.tx.devices.claim(u8aToHex(code),
    { Ed25519: u8aToHex(keys[i].sign(claimMessage(genesis, code, owner.publicKey, 0))) }));
  r = await send(api, api.tx.utility.batchAll(claims), owner);
  assert.equal(r.error, undefined);
  return { makerId, codes };
}
