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
import * as pkgFormat from './lib/package.mjs';
import { activeDevices } from './lib/setup.mjs';
import { findEvent, send } from './lib/tx.mjs';

const ITC = 10n ** 12n;
const PRICE = 5n * ITC;
const BOND = 10n * ITC;
// Three chunks: two of 4,096 bytes and a shorter last one.
const DATA = 'time,celsius\n' + '2026-11-22T00:00Z,4.5\n'.repeat(500);

/** The encrypted package (lib/package.mjs): chunks sealed with `key`, one after another. */
const encrypt = (data, key) => pkgFormat.concat(pkgFormat.sealChunks(data, key));
const decrypt = (pkg, key) => pkgFormat.open(pkg, key);

/** The listing's package commitment as the chain stores it. */
const onChain = ({ root, chunks }) => ({ root: u8aToHex(root), chunks });

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

  /** The seller lists a package (`cid` by default) committing to `key`; returns the listing id. */
  async function list(maxSales, { packageCid = cid, bytes = pkg, key = contentKey } = {}) {
    const committed = pkgFormat.commitmentOf(pkgFormat.split(bytes));
    const { events, error } = await send(api, api.tx.dataMarket.list(
      u8aToHex(code), stringToHex(packageCid), u8aToHex(sodium.crypto_generichash(32, key)),
      onChain(committed), PRICE, stringToHex('bafkreiterms'), (await head()) + 1000, maxSales, BOND),
    seller);
    assert.equal(error, undefined);
    return findEvent(events, 'dataMarket', 'Listed').data.listing.toNumber();
  }

  /** The buyer's check before paying: the package fetched matches the listing's root. */
  async function packageMatches(listing, bytes) {
    const stored = (await api.query.dataMarket.packages(listing)).unwrap();
    const { root, chunks } = pkgFormat.commitmentOf(pkgFormat.split(bytes));
    return stored.root.toHex() === u8aToHex(root) && stored.chunks.toNumber() === chunks;
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
    assert.equal(pkgFormat.split(pkg).length, 3);
    assert.ok(await packageMatches(listing, pkg), 'the package is the one the listing commits to');
    const tampered = pkg.slice();
    tampered[5000] ^= 1;
    assert.ok(!(await packageMatches(listing, tampered)), 'a changed byte changes the root');

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
    assert.ok(won.reason.isWrongKey);
    assert.equal(won.refund.toBigInt(), PRICE);
    assert.equal(won.bond.toBigInt(), BOND);
    const txFee = findEvent(r.events, 'transactionPayment', 'TransactionFeePaid').data.actualFee.toBigInt();
    assert.equal(await reserved(pot), heldBefore - PRICE - BOND, 'escrow and bond left the pot');
    assert.equal(await free(rival.address), freeBefore + PRICE + BOND - txFee);
    assert.ok((await api.query.dataMarket.listings(listing)).isNone, 'forfeited and removed');
  });

  test('a seller whose committed key does not open the package loses a chunk dispute', async () => {
    // Committed to `contentKey` (the key it will deliver), but chunk 1 sealed with another key:
    // judged on the key alone the seller would win.
    const plain = stringToU8a(DATA);
    const chunks = pkgFormat.sealChunks(plain, contentKey);
    chunks[1] = pkgFormat.sealChunk(sodium.crypto_secretbox_keygen(), 1,
      plain.subarray(pkgFormat.CHUNK, 2 * pkgFormat.CHUNK));
    const bad = pkgFormat.concat(chunks);
    const listing = await list(1, { packageCid: await cidOf(bad), bytes: bad });
    assert.ok(await packageMatches(listing, bad), 'the check before paying passes: it is what was listed');

    const { purchase, pair } = await buy(rival, listing);
    await deliver(purchase, contentKey);
    const key = sodium.crypto_box_seal_open(await sealedKeyOf(purchase), pair.publicKey, pair.privateKey);
    assert.equal(u8aToHex(sodium.crypto_generichash(32, key)),
      (await api.query.dataMarket.listings(listing)).unwrap().keyCommitment.toHex(), 'the committed key');
    let failed;
    try { decrypt(bad, key); } catch (e) { failed = e.index; }
    assert.equal(failed, 1);

    const evidence = (index) => ({
      index,
      sealed: u8aToHex(chunks[1]),
      path: pkgFormat.pathOf(chunks, 1).map((h) => u8aToHex(h)),
    });
    const secret = u8aToHex(pair.privateKey);
    // Shown under another index, the chunk does not lead to the root: refused, nothing changes.
    let r = await send(api, api.tx.dataMarket.disputeChunk(purchase, secret, evidence(2)), rival);
    assert.equal(r.error, 'dataMarket.BadEvidence');

    const freeBefore = await free(rival.address);
    r = await send(api, api.tx.dataMarket.disputeChunk(purchase, secret, evidence(1)), rival);
    assert.equal(r.error, undefined);
    const won = findEvent(r.events, 'dataMarket', 'DisputeWonByBuyer').data;
    assert.ok(won.reason.isChunkDoesNotOpen);
    assert.equal(won.reason.asChunkDoesNotOpen.toNumber(), 1);
    assert.equal(won.refund.toBigInt(), PRICE);
    assert.equal(won.bond.toBigInt(), BOND);
    const txFee = findEvent(r.events, 'transactionPayment', 'TransactionFeePaid').data.actualFee.toBigInt();
    assert.equal(await free(rival.address), freeBefore + PRICE + BOND - txFee);
    assert.ok((await api.query.dataMarket.packages(listing)).isNone, 'the listing and its package are gone');
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
