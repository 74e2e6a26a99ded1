// Manufacturers and devices, end to end: a real `itc-node --dev`, @polkadot/api with no type
// files, device keys and signatures made here, codes computed here from docs/DEVICES.md.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { stringToHex, stringToU8a, u8aToHex } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { connect, palletAccount, startNode } from './lib/node.mjs';
import { claimMessage, deviceCode, firmwareMessage, humanCode } from './lib/device.mjs';
import { findEvent, send, sudo } from './lib/tx.mjs';

const MODEL = 'TH-100';

describe('manufacturers and devices with @polkadot/api', () => {
  let node;
  let api;
  let alice; let maker; let owner; let buyer;
  let devices; // ed25519 key pairs held by "devices"
  let genesis;
  let makerId;
  const codes = [];

  const spec = (i) => ({
    model: stringToHex(MODEL),
    serial: stringToHex(`SN-${i}`),
    key: { Ed25519: u8aToHex(devices[i].publicKey) },
  });
  const view = async (code) => (await api.call.devicesApi.device(u8aToHex(code))).unwrap();
  const claimProof = (device, code, who, nonce) =>
    ({ Ed25519: u8aToHex(device.sign(claimMessage(genesis, code, who.publicKey, nonce))) });

  before(async () => {
    await cryptoWaitReady();
    node = await startNode(['--dev']);
    api = await connect(node.rpcUrl);
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    [alice, maker, owner, buyer] = ['//Alice', '//Bob', '//Charlie', '//Dave'].map((u) => keyring.addFromUri(u));
    const deviceRing = new Keyring({ type: 'ed25519', ss58Format: 42 });
    devices = [0, 1, 2, 3, 4].map((i) => deviceRing.addFromUri(`//e2e-device-${i}`));
    genesis = api.genesisHash.toU8a();
  });

  after(async () => {
    await api?.disconnect();
    await node?.stop();
  });

  test('a manufacturer applies with a deposit held on the registry pot and governance approves it', async () => {
    const pot = palletAccount(api, 'itc/mfrs');
    const potBefore = (await api.query.system.account(pot)).data.reserved.toBigInt();
    const free = (await api.query.system.account(maker.address)).data;
    const { events, error } = await send(api, api.tx.manufacturers.apply(
      stringToHex('Acme Sensors GmbH'), u8aToHex(stringToU8a('DE')), stringToHex('https://acme.example')), maker);
    assert.equal(error, undefined);
    const applied = findEvent(events, 'manufacturers', 'Applied');
    makerId = applied.data.id.toNumber();
    const deposit = applied.data.deposit.toBigInt();
    assert.equal(deposit, api.consts.manufacturers.applicationDeposit.toBigInt());
    const after = (await api.query.system.account(maker.address)).data;
    assert.equal(after.reserved.toBigInt(), free.reserved.toBigInt(), 'nothing held on the maker');
    assert.ok(free.free.toBigInt() - after.free.toBigInt() >= deposit, 'the deposit left the maker');
    const potAfter = (await api.query.system.account(pot)).data.reserved.toBigInt();
    assert.equal(potAfter - potBefore, deposit, 'and is held on the pot');

    assert.equal(await sudo(api, api.tx.manufacturers.approve(makerId, 3), alice), undefined);
    const info = (await api.call.manufacturersApi.manufacturer(makerId)).unwrap();
    assert.ok(info.status.isApproved);
    assert.equal(info.quota.toNumber(), 3);
    assert.equal(info.name.toUtf8(), 'Acme Sensors GmbH');
    assert.equal(info.account.toString(), maker.address);
    assert.equal((await api.call.manufacturersApi.manufacturerOf(maker.address)).unwrap().toNumber(), makerId);
  });

  test('a batch registers devices under the documented codes', async () => {
    const { events, error } = await send(api, api.tx.devices.register([spec(0), spec(1)]), maker);
    assert.equal(error, undefined);
    const registered = events.filter((r) => r.event.section === 'devices' && r.event.method === 'DeviceRegistered');
    assert.equal(registered.length, 2);
    for (const i of [0, 1]) {
      const code = deviceCode(makerId, stringToU8a(MODEL), stringToU8a(`SN-${i}`), devices[i].publicKey);
      codes.push(code);
      assert.equal(registered[i].event.data.code.toHex(), u8aToHex(code));
      // One coin: the device's account is its key.
      assert.equal(registered[i].event.data.account.toString(), devices[i].address);
      const v = await view(code);
      assert.ok(v.info.status.isRegistered);
      assert.equal(v.humanCode.toUtf8(), humanCode(code));
      assert.equal(v.account.toString(), devices[i].address);
      assert.ok(v.info.owner.isNone);
    }
    const listed = await api.call.devicesApi.devicesOfManufacturer(makerId, null, 10);
    assert.deepEqual(listed.map((v) => v.code.toHex()).sort(), codes.map((c) => u8aToHex(c)).sort());
  });

  test('the owner claims a device with a signature made by the device key', async () => {
    const fromChain = await api.call.devicesApi.claimMessage(u8aToHex(codes[0]), owner.address);
    assert.equal(fromChain.unwrap().message.toHex(), u8aToHex(claimMessage(genesis, codes[0], owner.publicKey, 0)));
    assert.equal(fromChain.unwrap().nonce.toNumber(), 0);
    assert.ok((await api.call.devicesApi.claimMessage(u8aToHex(new Uint8Array(15)), owner.address)).isNone);
    const { events, error } = await send(api,
      api.tx.devices.claim(u8aToHex(codes[0]), claimProof(devices[0], codes[0], owner, 0)), owner);
    assert.equal(error, undefined);
    assert.equal(findEvent(events, 'devices', 'DeviceClaimed').data.owner.toString(), owner.address);
    const v = await view(codes[0]);
    assert.ok(v.info.status.isActive);
    assert.equal(v.info.owner.unwrap().toString(), owner.address);
    assert.equal(v.info.nonce.toNumber(), 1);
    assert.ok(v.earning.isTrue);
    assert.ok(v.info.lastChange.reason.isClaimed);
  });

  test('bad claims get the documented errors', async () => {
    // Signed by another device's key.
    let r = await send(api, api.tx.devices.claim(u8aToHex(codes[1]), claimProof(devices[0], codes[1], owner, 0)), owner);
    assert.equal(r.error, 'devices.BadSignature');
    // A proof made out to someone else cannot be used by a front-runner.
    r = await send(api, api.tx.devices.claim(u8aToHex(codes[1]), claimProof(devices[1], codes[1], owner, 0)), buyer);
    assert.equal(r.error, 'devices.BadSignature');
    // The proof that claimed device 0, replayed.
    r = await send(api, api.tx.devices.claim(u8aToHex(codes[0]), claimProof(devices[0], codes[0], owner, 0)), owner);
    assert.equal(r.error, 'devices.AlreadyClaimed');
    // A code nobody registered.
    r = await send(api, api.tx.devices.claim(u8aToHex(new Uint8Array(15)), claimProof(devices[0], codes[0], owner, 0)), owner);
    assert.equal(r.error, 'devices.DeviceNotFound');
    assert.ok((await api.call.devicesApi.device(u8aToHex(new Uint8Array(15)))).isNone);
    assert.ok((await api.call.devicesApi.deviceByHumanCode(stringToHex('ITC-00000-00000'))).isNone);
    assert.ok((await view(codes[1])).info.status.isRegistered);
  });

  test('oversize batches, exhausted quotas and frozen manufacturers are refused', async () => {
    const max = api.consts.devices.maxBatch.toNumber();
    const many = Array.from({ length: max + 1 }, (_, i) =>
      ({ ...spec(0), serial: stringToHex(`BULK-${i}`), key: { Ed25519: u8aToHex(new Uint8Array(32).fill(i % 250 + 1)) } }));
    let r = await send(api, api.tx.devices.register(many), maker);
    assert.equal(r.error, 'devices.TooManyDevices');
    // Quota 3, two used: two more is one too many.
    r = await send(api, api.tx.devices.register([spec(2), spec(3)]), maker);
    assert.equal(r.error, 'manufacturers.QuotaExceeded');
    // The same device twice: codes are never reused.
    r = await send(api, api.tx.devices.register([spec(0)]), maker);
    assert.equal(r.error, 'devices.CodeTaken');

    assert.equal(await sudo(api, api.tx.manufacturers.freeze(makerId), alice), undefined);
    r = await send(api, api.tx.devices.register([spec(2)]), maker);
    assert.equal(r.error, 'devices.ManufacturerNotApproved');
    // A frozen manufacturer's devices earn nothing.
    assert.ok((await view(codes[0])).earning.isFalse);
    assert.equal(await sudo(api, api.tx.manufacturers.release(makerId), alice), undefined);
    assert.ok((await view(codes[0])).earning.isTrue);
    // Not a manufacturer at all.
    r = await send(api, api.tx.devices.register([spec(4)]), buyer);
    assert.equal(r.error, 'devices.NotManufacturer');
    // Only governance approves.
    r = await send(api, api.tx.manufacturers.setQuota(makerId, 100), maker);
    assert.equal(r.error, 'BadOrigin');
  });

  test('transfer, suspend, reinstate and decommission are recorded with who and why', async () => {
    const code = u8aToHex(codes[0]);
    let r = await send(api, api.tx.devices.transfer(code, buyer.address), owner);
    assert.equal(r.error, undefined);
    assert.equal((await view(codes[0])).info.owner.unwrap().toString(), buyer.address);
    r = await send(api, api.tx.devices.transfer(code, owner.address), owner);
    assert.equal(r.error, 'devices.NotOwner');

    r = await send(api, api.tx.devices.suspend(code, 'Maintenance'), maker);
    assert.equal(r.error, undefined);
    let v = await view(codes[0]);
    assert.ok(v.info.status.isSuspended && v.info.status.asSuspended.by.isManufacturer);
    assert.ok(v.info.lastChange.reason.isMaintenance);
    assert.equal(v.info.lastChange.who.unwrap().toString(), maker.address);
    assert.ok(v.earning.isFalse);
    // The owner cannot lift the manufacturer's suspension; the manufacturer can.
    r = await send(api, api.tx.devices.reinstate(code, 'Resolved'), buyer);
    assert.equal(r.error, 'devices.SuspendedByHigherAuthority');
    r = await send(api, api.tx.devices.reinstate(code, 'Resolved'), maker);
    assert.equal(r.error, undefined);
    assert.ok((await view(codes[0])).info.status.isActive);

    r = await send(api, api.tx.devices.suspend(code, 'Lost'), owner);
    assert.equal(r.error, 'devices.NotAuthorized');

    // Firmware: the manufacturer approves 1.2.0; the device reports it, relayed by anyone.
    r = await send(api, api.tx.devices.setApprovedFirmware(stringToHex(MODEL), [stringToHex('1.2.0')]), maker);
    assert.equal(r.error, undefined);
    const nonce = (await view(codes[0])).info.nonce.toNumber();
    const expected = (await api.call.devicesApi.firmwareMessage(code, stringToHex('1.2.0'))).unwrap();
    assert.equal(expected.nonce.toNumber(), nonce);
    assert.equal(expected.message.toHex(), u8aToHex(firmwareMessage(genesis, codes[0], stringToU8a('1.2.0'), nonce)));
    const proof = { Ed25519: u8aToHex(devices[0].sign(firmwareMessage(genesis, codes[0], stringToU8a('1.2.0'), nonce))) };
    r = await send(api, api.tx.devices.reportFirmware(code, stringToHex('1.2.0'), proof), owner);
    assert.equal(r.error, undefined);
    assert.ok(findEvent(r.events, 'devices', 'FirmwareReported').data.approved.isTrue);
    v = await view(codes[0]);
    assert.equal(v.info.firmware.unwrap().toUtf8(), '1.2.0');
    assert.ok(v.firmwareApproved.isTrue);
    r = await send(api, api.tx.devices.reportFirmware(code, stringToHex('1.2.0'), proof), owner);
    assert.equal(r.error, 'devices.BadSignature');

    r = await send(api, api.tx.devices.decommission(code, 'EndOfLife'), buyer);
    assert.equal(r.error, undefined);
    const decommissioned = findEvent(r.events, 'devices', 'DeviceDecommissioned').data;
    assert.ok(decommissioned.by.isOwner && decommissioned.reason.isEndOfLife);
    assert.ok((await view(codes[0])).info.status.isDecommissioned);
    r = await send(api, api.tx.devices.transfer(code, owner.address), buyer);
    assert.equal(r.error, 'devices.Decommissioned');
  });

  test('the runtime API finds devices by printable code and pages through an owner', async () => {
    const found = await api.call.devicesApi.deviceByHumanCode(stringToHex(humanCode(codes[0]).toLowerCase()));
    assert.equal(found.unwrap().code.toHex(), u8aToHex(codes[0]));
    const page1 = await api.call.devicesApi.devicesOfOwner(buyer.address, null, 1);
    assert.equal(page1.length, 1);
    assert.equal(page1[0].code.toHex(), u8aToHex(codes[0]));
    const page2 = await api.call.devicesApi.devicesOfOwner(buyer.address, page1[0].code, 1);
    assert.equal(page2.length, 0);
    const firstPage = await api.call.devicesApi.devicesOfManufacturer(makerId, null, 1);
    const rest = await api.call.devicesApi.devicesOfManufacturer(makerId, firstPage[0].code, 10);
    assert.equal(firstPage.length + rest.length, 2);
  });
});
