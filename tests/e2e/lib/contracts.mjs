// Deploying and calling the ink! contracts with @polkadot/api-contract, as a dApp would:
// dry-run through the ContractsApi for the gas and deposit, then send.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CodePromise, ContractPromise } from '@polkadot/api-contract';
import { stringToU8a, u8aConcat } from '@polkadot/util';
import { findEvent, send } from './tx.mjs';

/** The metadata bundle (`.contract`) scripts/contracts.sh built for `name`. */
export function artifact(name) {
  const dir = process.env.ITC_CONTRACTS;
  assert.ok(dir, 'ITC_CONTRACTS is set (scripts/env.sh)');
  return JSON.parse(readFileSync(`${dir}/${name}.contract`, 'utf8'));
}

/**
 * Uploads `name`'s code and instantiates it with constructor `new` (no arguments) as `signer`.
 * Resolves with { contract, events, codeHash }.
 */
export async function deploy(api, name, signer) {
  const bundle = artifact(name);
  const code = new CodePromise(api, bundle, bundle.source.wasm);
  const dry = await api.call.contractsApi.instantiate(signer.address, 0, null, null,
    { Upload: bundle.source.wasm }, code.abi.findConstructor('new').toU8a([]), '0x');
  assert.ok(dry.result.isOk, `instantiate dry-run of ${name}: ${dry.result.toString()}`);
  const tx = code.tx.new({ gasLimit: dry.gasRequired, storageDepositLimit: null });
  const { events, error } = await send(api, tx, signer);
  assert.equal(error, undefined);
  const stored = findEvent(events, 'contracts', 'CodeStored');
  const instantiated = findEvent(events, 'contracts', 'Instantiated');
  assert.ok(stored && instantiated, 'CodeStored and Instantiated events');
  const address = instantiated.data.contract.toString();
  return { contract: new ContractPromise(api, bundle, address), events, codeHash: stored.data.codeHash.toHex() };
}

/**
 * Dry-runs message `message` of `contract` as `caller` (paying `value`); resolves with
 * { ok, value, err, gasRequired, raw }: `ok` is false for a `LangError` or an `Err(_)` answer
 * (`err` names it), `value` is the answer's JSON.
 */
export async function query(contract, caller, message, args = [], value = 0) {
  const result = await contract.query[message](caller.address ?? caller,
    { gasLimit: contract.api.registry.createType('WeightV2', { refTime: 250_000_000_000n, proofSize: 5_000_000n }),
      storageDepositLimit: null, value }, ...args);
  assert.ok(result.result.isOk, `${message} dry-run trapped: ${result.result.toString()} ${result.debugMessage?.toHuman()}`);
  const output = result.output.toJSON();
  const inner = output.ok;
  const isResult = inner !== null && typeof inner === 'object' && ('ok' in inner || 'err' in inner);
  return {
    ok: output.ok !== undefined && (!isResult || inner.err === undefined),
    value: isResult ? inner.ok : inner,
    err: isResult ? inner.err : output.err,
    gasRequired: result.gasRequired,
    storageDeposit: result.storageDeposit,
    raw: result,
  };
}

/**
 * Sends message `message` as `signer` with the gas its dry-run needed (plus a margin);
 * resolves with send()'s { events, error }.
 */
export async function call(contract, signer, message, args = [], value = 0) {
  const dry = await query(contract, signer, message, args, value);
  const gasLimit = contract.api.registry.createType('WeightV2', {
    refTime: dry.gasRequired.refTime.toBigInt() * 11n / 10n,
    proofSize: dry.gasRequired.proofSize.toBigInt() * 11n / 10n,
  });
  return send(contract.api, contract.tx[message]({ gasLimit, storageDepositLimit: null, value }, ...args), signer);
}

/** What a device signs for `contract` to have `verify_device_signature(code, message)` pass. */
export function contractPayload(genesisHash, code, contractAccount, message) {
  return u8aConcat(stringToU8a('itc/device/contract/v1'), genesisHash, code, contractAccount, message);
}
