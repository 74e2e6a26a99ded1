// Runs itc-load (ITC_LOAD) against `nodeName`'s RPC: flat out for ITC_BENCH_SECONDS, then at
// half the throughput reached; writes each report to ITC_BENCH_OUT/zombienet-{max,50}.json
// with the CPU use of all four validators. Returns the flat-out throughput (extrinsics/s).
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

/** The PID of the itc-node process of node `name` (the native provider passes `--name <name>`). */
function pidOf(name) {
  const pids = execFileSync('pgrep', ['-x', 'itc-node']).toString().trim().split('\n');
  const pid = pids.find((p) => {
    const args = fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0');
    return args.some((a, i) => a === '--name' && args[i + 1] === name);
  });
  if (!pid) throw new Error(`no itc-node process for ${name}`);
  return pid;
}

function load(url, pids, extra) {
  const seconds = process.env.ITC_BENCH_SECONDS || '60';
  const args = ['--url', url, '--duration', seconds, ...pids.flatMap((p) => ['--cpu-pid', p]), ...extra];
  return JSON.parse(execFileSync(process.env.ITC_LOAD, args, { maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'inherit'] }));
}

async function run(nodeName, networkInfo) {
  const url = networkInfo.nodesByName[nodeName].wsUri.replace(/^ws/, 'http');
  const pids = ['alice', 'bob', 'charlie', 'dave'].map(pidOf);
  const out = process.env.ITC_BENCH_OUT;
  const max = load(url, pids, []);
  fs.writeFileSync(path.join(out, 'zombienet-max.json'), JSON.stringify(max, null, 1));
  const rate = max.throughput.extrinsicsPerSecond / 2;
  const half = load(url, pids, ['--rate', String(rate)]);
  fs.writeFileSync(path.join(out, 'zombienet-50.json'), JSON.stringify(half, null, 1));
  return Math.round(max.throughput.extrinsicsPerSecond);
}

module.exports = { run };
