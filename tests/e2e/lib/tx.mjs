// Sending extrinsics and reading their outcome, shared by the end-to-end tests.
import assert from 'node:assert/strict';

/**
 * Signs and sends `tx`; once `reached(status)`, resolves with `outcome(status, events,
 * dispatchError)`. Rejects if the pool drops it.
 */
function submit(tx, signer, reached, outcome, options = {}) {
  return new Promise((resolve, reject) => {
    let unsub;
    tx.signAndSend(signer, options, ({ status, events, dispatchError }) => {
      if (reached(status)) {
        unsub?.();
        resolve(outcome(status, events, dispatchError));
      } else if (status.isDropped || status.isInvalid || status.isUsurped) {
        unsub?.();
        reject(new Error(`transaction ${status.type}`));
      }
    }).then((u) => { unsub = u; }, reject);
  });
}

/**
 * Signs and sends `tx` (with signer `options` such as `{ nonce }`); resolves once it is in a
 * block, with its events and error if any.
 */
export function send(api, tx, signer, options = {}) {
  return submit(tx, signer, (status) => status.isInBlock,
    (_, events, error) => ({ events, error: error && describeError(api, error) }), options);
}

/** Signs and sends `tx`; resolves once its block is finalized, with { blockHash, events, dispatchError }. */
export function sendAndFinalize(api, tx, signer) {
  return submit(tx, signer, (status) => status.isFinalized,
    (status, events, dispatchError) => ({ blockHash: status.asFinalized, events, dispatchError }));
}

/** `pallet.Error` for a module error, else the error's string form. */
export function describeError(api, error) {
  if (!error.isModule) return error.type;
  const { section, name } = api.registry.findMetaError(error.asModule);
  return `${section}.${name}`;
}

/** The event `section.method` among `events`, or undefined. */
export function findEvent(events, section, method) {
  return events.map((r) => r.event).find((e) => e.section === section && e.method === method);
}

/** Sends `call` through sudo; resolves with the inner call's error, if any. */
export async function sudo(api, call, alice) {
  const { events, error } = await send(api, api.tx.sudo.sudo(call), alice);
  assert.equal(error, undefined);
  const sudid = findEvent(events, 'sudo', 'Sudid').data[0];
  return sudid.isErr ? describeError(api, sudid.asErr) : undefined;
}
