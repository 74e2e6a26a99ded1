// ink! contracts, end to end: a real `itc-node --dev`, the contracts scripts/contracts.sh built,
// @polkadot/api-contract deploying and calling them as a dApp would, device keys signing here.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { stringToHex, u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, decodeAddress } from '@polkadot/util-crypto';
import { connect, startNode, waitFor } from './lib/node.mjs';
import { activeDevices } from './lib/setup.mjs';
import { findEvent, send } from './lib/tx.mjs';
import { call, contractPayload, deploy, query } from './lib/contracts.mjs';
import { aggregateArg, contributionMessage, emptyAggregate, insert } from './lib/sketch.mjs';

const ITC = 1_000_000_000_000n;
const HOUR_MS = 3_600_000;

describe('ink! contracts with @polkadot/api-contract', () => {
  let node;
  let api;
  let alice; let bob; let charlie; let dave; let eve;
  let deviceKeys; // ed25519 key pairs held by "devices"
  let bobCodes; let eveCodes; let bobMaker;
  let rental; let analytics; let probe;

  // What `contract` transferred to `who` in `events` (storage deposits are held, not free).
  const paidBy = (events, contract, who) => events.map((e) => e.event)
    .filter((e) => e.section === 'balances' && e.method === 'Transfer' &&
      e.data.from.toString() === contract.address.toString() && e.data.to.toString() === who.address)
    .reduce((sum, e) => sum + e.data.amount.toBigInt(), 0n);
  const free = async (who) => (await api.query.system.account(who.address ?? who)).data.free.toBigInt();

  before(async () => {
    await cryptoWaitReady();
    node = await startNode(['--dev']);
    api = await connect(node.rpcUrl);
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    [alice, bob, charlie, dave, eve] =
      ['//Alice', '//Bob', '//Charlie', '//Dave', '//Eve'].map((u) => keyring.addFromUri(u));
    const deviceRing = new Keyring({ type: 'ed25519', ss58Format: 42 });
    deviceKeys = [0, 1, 2].map((i) => deviceRing.addFromUri(`//contract-device-${i}`));
    // Bob owns devices 0 and 1 (made by Dave), Eve owns device 2 (made by Charlie).
    ({ codes: bobCodes, makerId: bobMaker } = await activeDevices(api, { alice, maker: dave, owner: bob }, deviceKeys.slice(0, 2)));
    ({ codes: eveCodes } = await activeDevices(api, { alice, maker: charlie, owner: eve }, deviceKeys.slice(2),
      { prefix: 'EV' }));
  });

  after(async () => {
    await api?.disconnect();
    await node?.stop();
  });

  test('the contracts upload and instantiate; the code deposit is held on the uploader', async () => {
    for (const name of ['device_rental', 'chaincode_analytics', 'extension_probe']) {
      const reserved = async () => (await api.query.system.account(dave.address)).data.reserved.toBigInt();
      const heldBefore = await reserved();
      const { contract, codeHash, events } = await deploy(api, name, dave);
      const info = (await api.query.contracts.contractInfoOf(contract.address)).unwrap();
      assert.equal(info.codeHash.toHex(), codeHash);
      assert.ok((await api.query.contracts.pristineCode(codeHash)).isSome, 'code stored');
      const deposit = findEvent(events, 'contracts', 'CodeStored').data.depositHeld.toBigInt();
      assert.ok(deposit > 0n);
      assert.equal(await reserved() - heldBefore, deposit, 'the code deposit is held, not burned');
      // The contract's own storage deposit is held on the contract's account.
      assert.ok((await api.query.system.account(contract.address)).data.reserved.toBigInt() > 0n);
      ({ device_rental: () => { rental = contract; }, chaincode_analytics: () => { analytics = contract; },
        extension_probe: () => { probe = contract; } })[name]();
    }
  });

  test('a rental passes the chain-extension checks: paid into escrow, the renter may use the device, an early return refunds', async () => {
    const code = u8aToHex(bobCodes[0]);
    const price = 2n * ITC;
    let r = await call(rental, bob, 'offer', [code, price, 4]);
    assert.equal(r.error, undefined);
    assert.ok(findEvent(r.events, 'contracts', 'ContractEmitted'));

    const escrowBefore = await free(rental.address);
    r = await call(rental, charlie, 'rent', [code, 3], 3n * price);
    assert.equal(r.error, undefined);
    assert.equal(await free(rental.address) - escrowBefore, 3n * price, 'the payment is held by the contract');
    assert.equal((await query(rental, charlie, 'currentUser', [code])).value, charlie.address);
    assert.equal((await query(rental, dave, 'mayUse', [code, charlie.address])).value, true);
    assert.equal((await query(rental, dave, 'mayUse', [code, bob.address])).value, false);
    const window = (await query(rental, dave, 'rentalOf', [code])).value;
    assert.equal(BigInt(window.end) - BigInt(window.start), 3n * BigInt(HOUR_MS));

    // Returned within the first hour: Bob is paid one hour, Charlie gets two back.
    const bobBefore = await free(bob);
    r = await call(rental, charlie, 'returnDevice', [code]);
    assert.equal(r.error, undefined);
    assert.equal(paidBy(r.events, rental, bob), price);
    assert.equal(paidBy(r.events, rental, charlie), 2n * price);
    assert.equal(await free(bob) - bobBefore, price);
    assert.equal(await free(rental.address), escrowBefore);
    assert.equal((await query(rental, dave, 'currentUser', [code])).value, null);
  });

  test('a rental of a suspended device fails the chain-extension check and costs the renter only the fee', async () => {
    const code = u8aToHex(bobCodes[1]);
    const price = ITC;
    assert.equal((await call(rental, bob, 'offer', [code, price, 4])).error, undefined);
    const { error } = await send(api, api.tx.devices.suspend(code, 'Maintenance'), bob);
    assert.equal(error, undefined);

    const dry = await query(rental, charlie, 'rent', [code, 1], price);
    assert.equal(dry.ok, false);
    assert.equal(dry.err, 'DeviceNotActive');
    const charlieBefore = await free(charlie);
    const escrowBefore = await free(rental.address);
    const r = await call(rental, charlie, 'rent', [code, 1], price);
    assert.equal(r.error, 'contracts.ContractReverted');
    const fee = findEvent(r.events, 'transactionPayment', 'TransactionFeePaid').data.actualFee.toBigInt();
    assert.equal(charlieBefore - await free(charlie), fee, 'the payment came back');
    assert.equal(await free(rental.address), escrowBefore);
    assert.equal((await query(rental, dave, 'rentalOf', [code])).value, null);
    // And an offer of someone else's device fails the owner check.
    const notMine = await query(rental, charlie, 'offer', [u8aToHex(eveCodes[0]), price, 1]);
    assert.equal(notMine.err, 'NotDeviceOwner');
  });

  test('an analytics round: two device owners contribute signed aggregates, are paid per contribution, the analyst reads the merge and takes back the rest', async () => {
    const reward = 5n * ITC;
    const analyst = dave; // not Alice: the dev chain's block author earns rewards meanwhile
    const genesis = api.genesisHash.toU8a();
    const contractAccount = decodeAddress(analytics.address);
    const duration = 30_000;
    const funded = await query(analytics, analyst, 'fund', ['0x' + Buffer.from('bafy-e2e-query').toString('hex'), 1, reward, 3, duration], 3n * reward);
    assert.ok(funded.ok);
    const id = Number(funded.value);
    const escrowBefore = await free(analytics.address);
    let r = await call(analytics, analyst, 'fund', ['0x' + Buffer.from('bafy-e2e-query').toString('hex'), 1, reward, 3, duration], 3n * reward);
    assert.equal(r.error, undefined);
    assert.equal(await free(analytics.address) - escrowBefore, 3n * reward);

    // Device 0 (Bob's) saw items 0..400, device 2 (Eve's) items 300..700.
    const sketchOf = (from, to) => {
      const aggregate = emptyAggregate(1);
      for (let i = from; i < to; i++) insert(aggregate, new TextEncoder().encode(`visitor-${i}`));
      aggregate.counters[0] = BigInt(to - from);
      return aggregate;
    };
    const contributors = [
      { owner: bob, code: bobCodes[0], key: deviceKeys[0], aggregate: sketchOf(0, 400) },
      { owner: eve, code: eveCodes[0], key: deviceKeys[2], aggregate: sketchOf(300, 700) },
    ];
    const signature = (key, code, message) =>
      ({ Ed25519: u8aToHex(key.sign(contractPayload(genesis, code, contractAccount, message))) });

    // A signature for other data does not pass the runtime's check.
    const { owner, code, key, aggregate } = contributors[0];
    const forged = await query(analytics, owner, 'contribute', [id, u8aToHex(code), aggregateArg(aggregate),
      signature(key, code, contributionMessage(id, sketchOf(0, 401)))]);
    assert.equal(forged.err, 'BadSignature');

    for (const c of contributors) {
      const msg = contributionMessage(id, c.aggregate);
      const args = [id, u8aToHex(c.code), aggregateArg(c.aggregate), signature(c.key, c.code, msg)];
      r = await call(analytics, c.owner, 'contribute', args);
      assert.equal(r.error, undefined);
      assert.equal(paidBy(r.events, analytics, c.owner), reward, 'the contributor is paid its reward');
      // The same contribution again is refused.
      assert.equal((await query(analytics, c.owner, 'contribute', args)).err, 'AlreadyContributed');
    }
    assert.equal(escrowBefore + 3n * reward - await free(analytics.address), 2n * reward);

    const merged = (await query(analytics, alice, 'aggregate', [id])).value;
    assert.deepEqual(merged.counters.map(BigInt), [800n]);
    const distinct = Number((await query(analytics, alice, 'distinctEstimate', [id])).value);
    assert.ok(distinct > 700 * 0.8 && distinct < 700 * 1.2, `estimate ${distinct} of 700`);
    const contains = async (item) => (await query(analytics, alice, 'mightContain',
      [id, '0x' + Buffer.from(item).toString('hex')])).value;
    assert.equal(await contains('visitor-650'), true);
    assert.equal(await contains('visitor-5'), true);

    // The analyst closes after the deadline and gets the unused contribution's escrow back.
    assert.equal((await query(analytics, analyst, 'close', [id])).err, 'StillOpen');
    const deadline = BigInt((await query(analytics, alice, 'query', [id])).value.deadline);
    await waitFor(async () => (await api.query.timestamp.now()).toBigInt() >= deadline, 60_000, 'the deadline');
    const analystBefore = await free(analyst);
    r = await call(analytics, analyst, 'close', [id]);
    assert.equal(r.error, undefined);
    const fee = findEvent(r.events, 'transactionPayment', 'TransactionFeePaid').data.actualFee.toBigInt();
    assert.equal(await free(analyst) - analystBefore, reward - fee);
    assert.equal(await free(analytics.address), escrowBefore);
  });

  test('every chain-extension function answers the runtime state in the documented encoding', async () => {
    const ask = async (message, args) => (await query(probe, alice, message, args)).value;
    const code = u8aToHex(bobCodes[0]);
    const unknown = u8aToHex(new Uint8Array(15).fill(9));
    // Enums with a data-carrying variant come back as objects.
    assert.deepEqual(await ask('deviceStatus', [code]), { active: null });
    // Device 1 was suspended by its owner in the rental test.
    assert.deepEqual(await ask('deviceStatus', [u8aToHex(bobCodes[1])]), { suspended: { by: 'Owner' } });
    assert.equal(await ask('deviceStatus', [unknown]), null);
    assert.equal(await ask('deviceOwner', [code]), bob.address);
    assert.equal(await ask('deviceOwner', [unknown]), null);
    assert.equal(await ask('deviceManufacturer', [code]), bobMaker);
    assert.equal(await ask('deviceActive', [code]), true);
    assert.equal(await ask('deviceActive', [u8aToHex(bobCodes[1])]), false);
    assert.equal(await ask('manufacturerActive', [bobMaker]), true);
    assert.equal(await ask('manufacturerActive', [999]), false);

    const head = (await api.rpc.chain.getHeader()).number.toNumber();
    const price = 3n * ITC;
    const { events, error } = await send(api, api.tx.dataMarket.list(code, stringToHex('bafkreidata'),
      u8aToHex(new Uint8Array(32).fill(1)), { root: u8aToHex(new Uint8Array(32).fill(2)), chunks: 1 },
      price, stringToHex('bafkreiterms'), head + 1000, 5,
      api.consts.dataMarket.minSellerBond), bob);
    assert.equal(error, undefined);
    const id = findEvent(events, 'dataMarket', 'Listed').data.listing.toNumber();
    const listing = await ask('listing', [id]);
    assert.equal(listing.seller, bob.address);
    assert.equal(listing.device, code);
    assert.equal(BigInt(listing.price), price);
    assert.deepEqual([listing.expiresAt, listing.maxSales, listing.sold, listing.open], [head + 1000, 5, 0, true]);
    assert.equal(await ask('listing', [id + 1]), null);

    const message = stringToHex('unlock:42');
    const signed = (bytes) => ({ Ed25519: u8aToHex(deviceKeys[0].sign(
      contractPayload(api.genesisHash.toU8a(), bobCodes[0], decodeAddress(probe.address), bytes))) });
    const verify = (args) => query(probe, alice, 'verifyDeviceSignature', args);
    assert.deepEqual((await verify([code, message, signed(new TextEncoder().encode('unlock:42'))])).value, true);
    assert.deepEqual((await verify([code, stringToHex('unlock:43'), signed(new TextEncoder().encode('unlock:42'))])).value, false);
    // Signed for another contract: refused.
    const forRental = { Ed25519: u8aToHex(deviceKeys[0].sign(contractPayload(api.genesisHash.toU8a(),
      bobCodes[0], decodeAddress(rental.address), new TextEncoder().encode('unlock:42')))) };
    assert.deepEqual((await verify([code, message, forRental])).value, false);
    const tooLong = await verify([code, u8aToHex(new Uint8Array(1025)), forRental]);
    assert.equal(tooLong.err, 'MessageTooLong');
  });
});
