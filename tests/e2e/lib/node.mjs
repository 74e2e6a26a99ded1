// Starts a real itc-node on loopback ports and connects @polkadot/api to it.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiPromise, WsProvider } from '@polkadot/api';

/** A TCP port that is free on 127.0.0.1 right now. */
export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts `itc-node` with the given arguments on fresh loopback ports and a fresh base path
 * (or `options.base`, to restart a node on its database). Returns { pid, rpcUrl, rpcPort, p2pPort,
 * base, startedAt, stop({ keep }), logFile }; `stop({ keep: true })` leaves the base path.
 */
export async function startNode(args = ['--dev'], options = {}) {
  const bin = process.env.ITC_NODE;
  if (!bin) throw new Error('ITC_NODE is not set: run through tests/e2e/run.sh');
  const base = options.base ?? mkdtempSync(join(tmpdir(), 'itc-e2e-'));
  const rpcPort = await freePort();
  const p2pPort = await freePort();
  const logFile = join(base, 'node.log');
  const log = createWriteStream(logFile, { flags: 'a' });
  const startedAt = Date.now();
  const child = spawn(bin, [
    ...args,
    '--base-path', base,
    '--rpc-port', String(rpcPort),
    '--listen-addr', `/ip4/127.0.0.1/tcp/${p2pPort}`,
    '--no-prometheus',
    '--no-telemetry',
    '--no-mdns',
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let exited = null;
  let output = '';
  child.stderr.on('data', (chunk) => { output = (output + chunk).slice(-4000); });
  child.on('exit', (code) => { exited = code; });
  const rpcUrl = `ws://127.0.0.1:${rpcPort}`;
  await waitFor(async () => {
    if (exited !== null) throw new Error(`itc-node exited with ${exited}:\n${output}`);
    return rpcReady(rpcPort);
  }, 120_000, `itc-node RPC on ${rpcUrl}`);
  return {
    pid: child.pid,
    rpcUrl,
    rpcPort,
    p2pPort,
    base,
    startedAt,
    logFile,
    async stop({ keep = false } = {}) {
      if (exited === null) {
        child.kill('SIGINT');
        await waitFor(async () => exited !== null, 20_000, 'itc-node to exit').catch(() => child.kill('SIGKILL'));
      }
      if (!keep) rmSync(base, { recursive: true, force: true });
    },
  };
}

/** Whether the node answers a JSON-RPC call over HTTP. */
async function rpcReady(port) {
  try {
    const res = await rpc(port, 'system_health', []);
    return res.result !== undefined;
  } catch {
    return false;
  }
}

/** A raw JSON-RPC call over HTTP: returns the whole response object. */
export async function rpc(port, method, params, rawBody) {
  const body = rawBody ?? JSON.stringify({ jsonrpc: '2.0', id: 1, method, params });
  const res = await fetch(`http://127.0.0.1:${port}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  return res.json();
}

/** Polls `check` until it returns a truthy value or `ms` pass. */
export async function waitFor(check, ms, what) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Connects @polkadot/api with no custom types: everything comes from metadata. */
export async function connect(rpcUrl) {
  return ApiPromise.create({ provider: new WsProvider(rpcUrl), noInitWarn: true, throwOnConnect: true });
}

/** The account of a pallet id ("modl" ++ id, zero-padded to 32 bytes), as an SS58 address. */
export function palletAccount(api, id) {
  const bytes = new Uint8Array(32);
  bytes.set(new TextEncoder().encode('modl' + id));
  return api.createType('AccountId32', bytes).toString();
}
