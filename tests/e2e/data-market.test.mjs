// The data market, end to end: a real `itc-node --dev`, @polkadot/api with no type files, and
// the seller's and buyer's cryptography done with libsodium (npm libsodium-wrappers), as a
// client following docs/DATA_MARKET.md would. The package's CID is computed here
// (multiformats): the node's IPFS path does not exist yet.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { stringToHex, stringToU8a, u8aToHex } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import sodium from 'libsodium-wrappers';
import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import { sha256 } from 'multiformats/hashes/sha2';
import { connect, palletAccount, startNode } from './lib/node.mjs';
import { activeDevices } from './lib/setup.mjs';
import { findEvent, send } from './lib/tx.mjs';

const ITC = 10n ** 12n;
const PRICE = 5n * ITC;
const BOND = 10n * ITC;
const DATA = 'time,celsius\n2026-11-22T00:00Z,4.5\n2026-11-22T01:00Z,4.1\n';

/** The encrypted package: nonce ‖ crypto_secretbox_easy(data, nonce, key). */
function encrypt(data, key) {
  const nonce = sodium.randombytes_buf(sodium.crypto_secretbox_NONCEBYTES);
  const box = sodium.crypto_secretbox_easy(data, nonce, key);
  const out = new Uint8Array(nonce.length + box.length);
  out.set(nonce);
  out.set(box, nonce.length);
  return out;
}

function decrypt(pkg, key) {
  const nonce = pkg.subarray(0, sodium.crypto_secretbox_NONCEBYTES);
  return sodium.crypto_secretbox_open_easy(pkg.subarray(nonce.length), nonce, key);
}

/** CIDv1, raw codec, SHA-256: what `ipfs add --cid-version 1 --raw-leaves` gives a small file. */
async function cidOf(bytes) {
  return CID.create(1, raw.code, await sha256.digest(bytes)).toString();
}

describe('data market with @polkadot/api and libsodium', () => {
  let node; let api;
  let alice; let maker; let seller; let buyer; let rival;
  let code;
  let pkg; let contentKey; let cid;

  const free = async (who) => (await api.query.system.account(who)).data.free.toBigInt();
  const reserved = async (who) => (await api.query.system.account(who)).data.reserved.toBigInt();
  const head = async () => (await api.rpc.chain.getHeader()).number.toNumber();

  /** The seller lists `cid` with `key`'s commitment; returns the listing id. */
  async function list(maxSales) {
    const { events, error } = await send(api, api.tx.dataMarket.list(
      u8aToHex(code), stringToHex(cid), u8aToHex(sodium.crypto_generichash(32, contentKey)),
      PRICE, stringToHex('bafkreiterms'), (await head()) + 1000, maxSales, BOND), seller);
    assert.equal(error, undefined);
    return findEvent(events, 'dataMarket', 'Listed').data.listing.toNumber();
  }

  /** `who` buys `listing` with a fresh X25519 key pair; returns the purchase id and pair. */
  async function buy(who, listing) {
    const pair = sodium.crypto_box_keypair();
    const { events, error } = await send(api,
      api.tx.dataMarket.buy(listing, PRICE, u8aToHex(pair.publicKey)), who);
    assert.equal(error, undefined);
    const purchased = findEvent(events, 'dataMarket', 'Purchased');
    assert.equal(purchased.data.buyerKey.toHex(), u8aToHex(pair.publicKey));
    return { purchase: purchased.data.purchase.toNumber(), pair };
  }

  /** The seller seals `key` to the purchase's public key, read from the chain. */
  async function deliver(purchase, key) {
    const stored = (await api.query.dataMarket.purchases(purchase)).unwrap();
    const sealed = sodium.crypto_box_seal(key, stored.buyerKey.toU8a());
    assert.equal(sealed.length, 80);
    const { error } = await send(api, api.tx.dataMarket.deliver(purchase, u8aToHex(sealed)), seller);
    assert.equal(error, undefined);
  }

  /** What the buyer finds delivered: the sealed key from the purchase record. */
  async function sealedKeyOf(purchase) {
    const stored = (await api.query.dataMarket.purchases(purchase)).unwrap();
    assert.ok(stored.state.isDelivered);
    return stored.state.asDelivered.sealedKey.toU8a();
  }

  before(async () => {
    await cryptoWaitReady();
    await sodium.ready;
    node = await startNode(['--dev']);
    api = await connect(node.rpcUrl);
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    [alice, maker, seller, buyer, rival] =
      ['//Alice', '//Bob', '//Charlie', '//Dave', '//Eve'].map((u) => keyring.addFromUri(u));

    // An approved manufacturer registers a device; the seller claims it with the device key.
    const device = new Keyring({ type: 'ed25519' }).addFromUri('//e2e-market-device');
    [code] = (await activeDevices(api, { alice, maker, owner: seller }, [device], { prefix: 'SN-M' })).codes;

    contentKey = sodium.crypto_secretbox_keygen();
    pkg = encrypt(stringToU8a(DATA), contentKey);
    cid = await cidOf(pkg);
  });

  after(async () => {
    await api?.disconnect();
    await node?.stop();
  });

  test('list, buy, deliver a sealed key, decrypt, confirm: the seller is paid minus the fee', async () => {
    const listing = await list(2);
    const page = await api.call.dataMarketApi.openListings(null, 10);
    const found = page.items.find(([id]) => id.toNumber() === listing);
    assert.ok(found, 'the runtime API pages open listings');
    assert.equal(found[1].cid.toUtf8(), cid);
    assert.ok(cid.startsWith('bafkrei'));

    // Escrows and bonds leave the payer for the market's keyless pot.
    const pot = palletAccount(api, 'itc/mrkt');
    const [escrowBefore, buyerHeld] = [await reserved(pot), await reserved(buyer.address)];
    const { purchase, pair } = await buy(buyer, listing);
    assert.equal(await reserved(pot) - escrowBefore, PRICE, 'the price is held in escrow on the pot');
    assert.equal(await reserved(buyer.address), buyerHeld, 'nothing is held on the buyer');

    await deliver(purchase, contentKey);
    const key = sodium.crypto_box_seal_open(await sealedKeyOf(purchase), pair.publicKey, pair.privateKey);
    assert.equal(new TextDecoder().decode(decrypt(pkg, key)), DATA);

    const fund = palletAccount(api, 'itc/comm');
    const [sellerBefore, fundBefore] = [await free(seller.address), await free(fund)];
    const { events, error } = await send(api, api.tx.dataMarket.confirm(purchase), buyer);
    assert.equal(error, undefined);
    const settled = findEvent(events, 'dataMarket', 'Settled').data;
    const fee = PRICE * 2n / 100n;
    assert.equal(settled.fee.toBigInt(), fee);
    assert.equal(settled.paid.toBigInt(), PRICE - fee);
    assert.ok(settled.confirmed.isTrue);
    assert.equal(await free(seller.address) - sellerBefore, PRICE - fee);
    assert.equal(await free(fund) - fundBefore, fee);
    assert.equal(await reserved(pot), escrowBefore);
    assert.ok((await api.query.dataMarket.purchases(purchase)).isNone);
  });

  test('a dispute over a wrong key refunds the buyer and pays them the bond', async () => {
    const listing = await list(1);
    const { purchase, pair } = await buy(rival, listing);
    await deliver(purchase, sodium.crypto_secretbox_keygen()); // not the committed key

    // The buyer's client finds the key does not decrypt the package.
    const key = sodium.crypto_box_seal_open(await sealedKeyOf(purchase), pair.publicKey, pair.privateKey);
    assert.throws(() => decrypt(pkg, key));

    // Revealing a secret that is not the purchase's is rejected and changes nothing.
    const other = sodium.crypto_box_keypair();
    let r = await send(api, api.tx.dataMarket.dispute(purchase, u8aToHex(other.privateKey)), rival);
    assert.equal(r.error, 'dataMarket.SecretMismatch');

    const pot = palletAccount(api, 'itc/mrkt');
    const [freeBefore, heldBefore] = [await free(rival.address), await reserved(pot)];
    r = await send(api, api.tx.dataMarket.dispute(purchase, u8aToHex(pair.privateKey)), rival);
    assert.equal(r.error, undefined);
    const won = findEvent(r.events, 'dataMarket', 'DisputeWonByBuyer').data;
    assert.ok(won.opened.isTrue);
    assert.equal(won.refund.toBigInt(), PRICE);
    assert.equal(won.bond.toBigInt(), BOND);
    const txFee = findEvent(r.events, 'transactionPayment', 'TransactionFeePaid').data.actualFee.toBigInt();
    assert.equal(await reserved(pot), heldBefore - PRICE - BOND, 'escrow and bond left the pot');
    assert.equal(await free(rival.address), freeBefore + PRICE + BOND - txFee);
    assert.ok((await api.query.dataMarket.listings(listing)).isNone, 'forfeited and removed');
  });

  test('a bounty answer, once accepted, is a purchase paid from the bounty escrow', async () => {
    const reward = 3n * ITC;
    let r = await send(api, api.tx.dataMarket.postBounty(
      stringToHex('bafkreirequest'), reward, 2, (await head()) + 500), buyer);
    assert.equal(r.error, undefined);
    const bounty = findEvent(r.events, 'dataMarket', 'BountyPosted').data.bounty.toNumber();
    const open = await api.call.dataMarketApi.openBounties(null, 10);
    assert.ok(open.items.some(([id]) => id.toNumber() === bounty));

    const listing = await list(3);
    r = await send(api, api.tx.dataMarket.answerBounty(bounty, listing), seller);
    assert.equal(r.error, undefined);
    const pair = sodium.crypto_box_keypair();
    r = await send(api, api.tx.dataMarket.acceptAnswer(bounty, listing, u8aToHex(pair.publicKey)), buyer);
    assert.equal(r.error, undefined);
    const purchased = findEvent(r.events, 'dataMarket', 'Purchased').data;
    assert.equal(purchased.amount.toBigInt(), reward);

    const pot = palletAccount(api, 'itc/mrkt');
    const heldBefore = await reserved(pot);
    r = await send(api, api.tx.dataMarket.closeBounty(bounty), buyer);
    assert.equal(r.error, undefined);
    assert.equal(findEvent(r.events, 'dataMarket', 'BountyClosed').data.refunded.toBigInt(), reward);
    assert.equal(await reserved(pot), heldBefore - reward);
  });
});
