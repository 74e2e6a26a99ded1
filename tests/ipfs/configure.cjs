// Sets a js-ipfs repo's config for tests: RPC on 127.0.0.1:<port>, nothing else listening,
// no peers to reach. Usage: node configure.cjs <config file> <port>
const fs = require('fs');
const [file, port] = process.argv.slice(2);
const config = JSON.parse(fs.readFileSync(file, 'utf8'));
config.Addresses.API = `/ip4/127.0.0.1/tcp/${port}`;
config.Addresses.Swarm = [];
config.Addresses.Gateway = '';
config.Addresses.RPC = '';
config.Addresses.Delegates = [];
config.Bootstrap = [];
config.Discovery.MDNS.Enabled = false;
config.Discovery.webRTCStar.Enabled = false;
config.Routing = { Type: 'none' };
fs.writeFileSync(file, JSON.stringify(config, null, 2));
