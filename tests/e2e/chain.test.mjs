// The foundation, end to end: a real `itc-node --dev` and @polkadot/api with no type files.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { Metadata } from '@polkadot/types';
import { u8aConcat, u8aToHex } from '@polkadot/util';
import { connect, palletAccount, rpc, startNode, waitFor } from './lib/node.mjs';
import { sendAndFinalize } from './lib/tx.mjs';

const ITC = 10n ** 12n;
const TOTAL_SUPPLY = 800_000_000n * ITC;

describe('itc-node --dev with @polkadot/api', () => {
  let node;
  let api;
  let alice;
  let bob;
  let ferdie;

  before(async () => {
    node = await startNode(['--dev']);
    api = await connect(node.rpcUrl);
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    alice = keyring.addFromUri('//Alice');
    bob = keyring.addFromUri('//Bob');
    ferdie = keyring.addFromUri('//Ferdie');
  });

  after(async () => {
    await api?.disconnect();
    await node?.stop();
  });

  test('finalizes blocks within 30 s of starting', async () => {
    const finalized = await waitFor(async () => {
      const head = await api.rpc.chain.getFinalizedHead();
      const header = await api.rpc.chain.getHeader(head);
      return header.number.toNumber() >= 1 ? header.number.toNumber() : 0;
    }, 30_000 - (Date.now() - node.startedAt), 'the first finalized block');
    assert.ok(finalized >= 1);
    const seconds = (Date.now() - node.startedAt) / 1000;
    console.log(`first finalized block #${finalized} ${seconds.toFixed(1)} s after start`);
    assert.ok(seconds < 30);
  });

  test('system_properties report ITC / 12 / 42', async () => {
    const props = await api.rpc.system.properties();
    assert.deepEqual(props.tokenSymbol.unwrap().map(String), ['ITC']);
    assert.deepEqual(props.tokenDecimals.unwrap().map((d) => d.toNumber()), [12]);
    assert.equal(props.ss58Format.unwrap().toNumber(), 42);
    assert.equal(api.registry.chainSS58, 42);
    assert.deepEqual(api.registry.chainTokens, ['ITC']);
    assert.equal((await api.rpc.system.chain()).toString(), 'IoT Chain Development');
    assert.equal(api.runtimeVersion.specName.toString(), 'itc');
  });

  test('metadata V14, V15 and V16 are served and decorate every pallet and runtime API', async () => {
    const versions = (await api.call.metadata.metadataVersions()).map((v) => v.toNumber());
    for (const v of [14, 15, 16]) assert.ok(versions.includes(v), `metadata V${v} in ${versions}`);
    const pallets = api.runtimeMetadata.asLatest.pallets.map((p) => p.name.toString());
    assert.deepEqual(pallets, ['System', 'Timestamp', 'ChainClock', 'Aura', 'Grandpa', 'Balances',
      'TransactionPayment', 'Vesting', 'Sudo', 'Utility', 'Multisig', 'Manufacturers', 'Devices', 'DataMarket',
      'EdgeMining', 'DagAccounts', 'DagAnchor', 'Contracts']);
    for (const [pallet, call] of [['balances', 'transferKeepAlive'], ['vesting', 'vestOther'],
      ['vesting', 'forceVestedTransfer'], ['utility', 'batchAll'], ['multisig', 'asMulti'],
      ['sudo', 'sudo'], ['contracts', 'instantiateWithCode'], ['contracts', 'call']]) {
      assert.ok(api.tx[pallet]?.[call], `call ${pallet}.${call} decorated`);
    }
    assert.ok(api.query.vesting.scheduleOf && api.query.chainClock.genesisMoment);
    assert.ok(api.tx.dagAnchor.propose && api.query.dagAnchor.anchors);
    for (const call of ['accountNonceApi', 'transactionPaymentApi', 'transactionPaymentCallApi',
      'auraApi', 'grandpaApi', 'genesisBuilder', 'runtimeViewFunction', 'sessionKeys',
      'offchainWorkerApi', 'taggedTransactionQueue', 'blockBuilder', 'edgeMiningApi',
      'dagAccountsApi', 'dagAnchorApi', 'contractsApi']) {
      assert.ok(api.call[call], `runtime API ${call} decorated`);
    }
    const slot = await api.call.auraApi.slotDuration();
    assert.equal(slot.toNumber(), 3000);
    const presets = (await api.call.genesisBuilder.presetNames()).map(String);
    assert.deepEqual(presets.sort(), ['development', 'itc_testnet', 'local_testnet']);
  });

  test('total issuance is 800,000,000 ITC and the buckets match the token model', async () => {
    assert.equal((await api.query.balances.totalIssuance()).toBigInt(), TOTAL_SUPPLY);
    const account = async (who) => (await api.query.system.account(who)).data;
    const free = async (who) => (await account(who)).free.toBigInt();
    const total = async (who) => { const d = await account(who); return d.free.toBigInt() + d.reserved.toBigInt(); };
    // The pool addresses published in docs/TOKENOMICS.md.
    assert.equal(palletAccount(api, 'itc/mine'), '5EYCAe5hL9XggdGEQX95gQid8oHNYRvwu9oz55dPwkUVXdEV');
    assert.equal(palletAccount(api, 'itc/comm'), '5EYCAe5hL9XggKYZ6sJQZpLCjv8QUSo6Er6uaVLzG1yPHApC');
    assert.equal(palletAccount(api, 'itc/node'), '5EYCAe5hL9Xggf5e3gMcWia8BNHVAhgJ3Z9rurAeeYUeW3eh');
    // Edge mining holds the two emission pools (all but the existential deposit).
    assert.equal(await total(palletAccount(api, 'itc/mine')), 200_000_000n * ITC);
    assert.equal(await free(palletAccount(api, 'itc/comm')), 160_000_000n * ITC);
    const emission = await api.call.edgeMiningApi.emissionStatus();
    const node = await account(palletAccount(api, 'itc/node'));
    assert.equal(node.reserved.toBigInt(), emission.nodeRemaining.toBigInt());
    assert.ok(emission.nodeRemaining.toBigInt() < 80_000_000n * ITC, 'block authors were paid');
    assert.equal(await free(ferdie.address), 160_000_000n * ITC);
    const ferdieAccount = await api.query.system.account(ferdie.address);
    assert.equal(ferdieAccount.data.frozen.toBigInt(), 160_000_000n * ITC, 'team bucket frozen');
    const schedule = (await api.query.vesting.scheduleOf(ferdie.address)).unwrap();
    assert.deepEqual(schedule.map((m) => m.amount.toBigInt()),
      [52_800_000n * ITC, 52_800_000n * ITC, 54_400_000n * ITC]);
  });

  test('vesting view functions answer through the RuntimeViewFunction API', async () => {
    // View functions are listed, with their ids, in metadata V16.
    const opaque = (await api.call.metadata.metadataAtVersion(16)).unwrap();
    const v16 = new Metadata(api.registry, opaque.toU8a(true)).asV16;
    const vesting = v16.pallets.find((p) => p.name.eq('Vesting'));
    const view = async (name, ...args) => {
      const fn = vesting.viewFunctions.find((f) => f.name.eq(name));
      assert.ok(fn, `view function ${name} in metadata`);
      const id = fn.id.toU8a();
      // A hex string is taken as the raw bytes (a Uint8Array would be read as length-prefixed).
      const input = u8aToHex(u8aConcat(...args.map((a) => a.toU8a())));
      const res = await api.call.runtimeViewFunction.executeViewFunction(
        { prefix: id.slice(0, 16), suffix: id.slice(16) }, input);
      assert.ok(res.isOk, `${name} executed: ${res}`);
      return res.asOk.toU8a(true);
    };
    const who = api.createType('AccountId32', ferdie.address);
    const frozen = api.createType('u128', await view('frozen_of', who)).toBigInt();
    assert.equal(frozen, 160_000_000n * ITC);
    const vestable = api.createType('u128', await view('vestable_of', who)).toBigInt();
    assert.equal(vestable, 0n, 'nothing vests before month 12');
    const next = await view('next_milestone_of', who);
    assert.equal(next[0], 1, 'a next milestone exists');
    const at = api.createType('u64', next.slice(1, 9)).toBigInt();
    assert.equal(at, 12n * 2_629_746_000n, 'the next milestone is month 12');
  });

  // Bob sends: Alice authors every block of --dev, so her balance grows by block rewards.
  test('transfer from Bob to Charlie pays a fee to the node-incentive pool, and the next author receives it', async () => {
    const amount = 10n * ITC;
    const pool = palletAccount(api, 'itc/node');
    const free = async (who) => (await api.query.system.account(who)).data.free.toBigInt();
    const charlie = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri('//Charlie');
    const [bob0, charlie0, pool0] = [await free(bob.address), await free(charlie.address), await free(pool)];

    const tx = api.tx.balances.transferKeepAlive(charlie.address, amount);
    const info = await tx.paymentInfo(bob);
    const { blockHash, events, dispatchError } = await sendAndFinalize(api, tx, bob);
    assert.equal(dispatchError, undefined);

    const at = await api.at(blockHash);
    const freeAt = async (who) => (await at.query.system.account(who)).data.free.toBigInt();
    const feeEvent = events.find(({ event }) => api.events.transactionPayment.TransactionFeePaid.is(event));
    assert.ok(feeEvent, 'TransactionFeePaid emitted');
    const fee = feeEvent.event.data.actualFee.toBigInt();
    assert.ok(fee > 0n, 'a fee was charged');
    assert.ok(fee <= info.partialFee.toBigInt(), 'fee within the estimate');

    assert.equal(await freeAt(charlie.address), charlie0 + amount);
    assert.equal(await freeAt(bob.address), bob0 - amount - fee);
    assert.equal(await freeAt(pool), pool0 + fee, 'the fee went to the node-incentive pool');
    assert.equal((await at.query.balances.totalIssuance()).toBigInt(), TOTAL_SUPPLY, 'nothing burned');

    // The next block's author receives it, beside its reward.
    const number = (await api.rpc.chain.getHeader(blockHash)).number.toNumber();
    await waitFor(async () => (await api.rpc.chain.getHeader()).number.toNumber() > number, 30_000, 'the next block');
    const next = await api.at(await api.rpc.chain.getBlockHash(number + 1));
    const rewarded = (await next.query.system.events()).map((e) => e.event)
      .find((e) => e.section === 'edgeMining' && e.method === 'AuthorRewarded');
    assert.equal(rewarded?.data.fees.toBigInt(), fee, "the next block's author received the fee");
    const ed = api.consts.balances.existentialDeposit.toBigInt();
    assert.equal((await next.query.system.account(pool)).data.free.toBigInt(), ed, 'the pool keeps only its deposit');
  });

  test('the frozen team bucket cannot pay even a fee', async () => {
    const tx = api.tx.balances.transferKeepAlive(bob.address, ITC);
    await assert.rejects(tx.signAndSend(ferdie), /Inability to pay some fees|1010/);
  });

  test('garbage RPC input gets JSON-RPC errors and the node keeps working', async () => {
    const bad = await rpc(node.rpcPort, 'author_submitExtrinsic', ['0x1234']);
    assert.ok(bad.error, 'malformed extrinsic rejected');
    const notHex = await rpc(node.rpcPort, 'author_submitExtrinsic', ['not hex']);
    assert.ok(notHex.error);
    const unknown = await rpc(node.rpcPort, 'no_suchMethod', []);
    assert.equal(unknown.error.code, -32601);
    const garbage = await rpc(node.rpcPort, null, null, '{"jsonrpc":"2.0","id":1,"method":');
    assert.equal(garbage.error.code, -32700);
    // A correctly encoded transfer whose signature was tampered with.
    const tx = api.tx.balances.transferKeepAlive(bob.address, ITC);
    await tx.signAsync(alice);
    const hex = tx.toHex();
    const sig = tx.signature.toHex().slice(2);
    const at = hex.indexOf(sig);
    assert.ok(at > 0, 'signature found in the encoding');
    const flipped = (parseInt(hex[at + 10], 16) ^ 0xf).toString(16);
    const forgedHex = hex.slice(0, at + 10) + flipped + hex.slice(at + 11);
    const forged = await rpc(node.rpcPort, 'author_submitExtrinsic', [forgedHex]);
    assert.ok(forged.error, 'tampered extrinsic rejected');
    assert.match(JSON.stringify(forged.error), /bad signature|BadProof|Invalid Transaction/i);
    const health = await rpc(node.rpcPort, 'system_health', []);
    assert.ok(health.result, 'still healthy');
  });
});
