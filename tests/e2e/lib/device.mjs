// Device identity, computed on the client side from docs/DEVICES.md alone: the code derivation,
// its printable form, and the messages a device key signs. The e2e tests check the chain
// against these independent implementations.
import { compactToU8a, stringToU8a, u8aConcat, u8aToBigInt } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';

const DIGITS = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CHECK = DIGITS + '*~$=U';

/** SCALE `Vec<u8>`: compact length, then the bytes. */
function scaleBytes(bytes) {
  return u8aConcat(compactToU8a(bytes.length), bytes);
}

/** The 15-byte device code of an ed25519 device key. */
export function deviceCode(manufacturer, model, serial, ed25519Public) {
  const id = new Uint8Array(4);
  new DataView(id.buffer).setUint32(0, manufacturer, true);
  const preimage = u8aConcat(
    stringToU8a('itc/device-code/v1'), id, scaleBytes(model), scaleBytes(serial),
    new Uint8Array([0]), ed25519Public,
  );
  return blake2AsU8a(preimage, 256).slice(0, 15);
}

/** The printable form `ITC-XXXXX-XXXXX-XXXXX-XXXXX-XXXXC` of a code. */
export function humanCode(code) {
  const value = u8aToBigInt(code, { isLe: false });
  let symbols = '';
  for (let i = 23; i >= 0; i--) symbols += DIGITS[Number((value >> BigInt(5 * i)) & 31n)];
  symbols += CHECK[Number(value % 37n)];
  return 'ITC-' + symbols.match(/.{5}/g).join('-');
}

function u32le(n) {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n, true);
  return out;
}

/** The bytes a device signs so that `owner` (32-byte public key) may claim it. */
export function claimMessage(genesisHash, code, owner, nonce) {
  return u8aConcat(stringToU8a('itc/device/claim/v1'), genesisHash, code, owner, u32le(nonce));
}

/** The bytes a device signs to report firmware `version`. */
export function firmwareMessage(genesisHash, code, version, nonce) {
  return u8aConcat(stringToU8a('itc/device/firmware/v1'), genesisHash, code, scaleBytes(version),
    u32le(nonce));
}

function u64le(n) {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(n), true);
  return out;
}

/**
 * The bytes a device signs to report its work in an era (docs/EDGE_MINING.md):
 * `{ era, uptimePpm, records, cell }`, with `cell` a bigint or null.
 */
export function reportMessage(genesisHash, code, { era, uptimePpm, records, cell }) {
  const coverage = cell == null ? new Uint8Array([0]) : u8aConcat(new Uint8Array([1]), u64le(cell));
  return u8aConcat(stringToU8a('itc/mining/report/v1'), genesisHash, code, u32le(era),
    u32le(uptimePpm), u64le(records), coverage);
}
