// A real IPFS engine on loopback for the tests (tests/ipfs/engine.sh: js-ipfs serving kubo's
// HTTP RPC, offline), and the few RPC calls the tests make to it directly.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { waitFor } from './node.mjs';

const ENGINE = fileURLToPath(new URL('../../ipfs/engine.sh', import.meta.url));

/**
 * Starts the engine with its repo in `repo` and its RPC on 127.0.0.1:`port`; resolves once it
 * answers. Returns { url, stop(), cat(cid), pinned(cid) }.
 */
export async function startEngine(repo, port) {
  const child = spawn(ENGINE, [repo, String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let exited = null;
  child.stdout.on('data', (chunk) => { output += chunk; });
  child.stderr.on('data', (chunk) => { output += chunk; });
  child.on('exit', (code) => { exited = code; });
  await waitFor(async () => {
    if (exited !== null) throw new Error(`the IPFS engine exited with ${exited}:\n${output}`);
    return output.includes('Daemon is ready');
  }, 60_000, 'the IPFS engine');
  const url = `http://127.0.0.1:${port}`;
  const call = (path) => fetch(`${url}/api/v0/${path}`, { method: 'POST' });
  return {
    url,
    async stop() {
      if (exited === null) {
        child.kill('SIGTERM');
        await waitFor(async () => exited !== null, 20_000, 'the IPFS engine to stop')
          .catch(() => child.kill('SIGKILL'));
      }
    },
    /** The bytes of `cid`, or null if the engine does not have them within a second. */
    async cat(cid) {
      const res = await call(`cat?arg=${encodeURIComponent(cid)}&timeout=1s`);
      return res.ok ? new Uint8Array(await res.arrayBuffer()) : null;
    },
    /** Whether `cid` is pinned. */
    async pinned(cid) {
      return (await call(`pin/ls?arg=${encodeURIComponent(cid)}`)).ok;
    },
  };
}
