// What Node itself costs, measured beside the engine workloads in bench/pool.js: a bare
// `node -e 0` boot, and 2,000 round trips over a bare IPC channel ('advanced' serialization,
// as the pool's) to a child that echoes. No pool can beat these; prints one JSON object (ms).
import { execFileSync, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ms = (start) => Math.round((performance.now() - start) * 10) / 10;
const out = {};

let t = performance.now();
execFileSync(process.execPath, ['-e', '0']);
out.node_boot = ms(t);
// A CA file named by NODE_EXTRA_CA_CERTS is read and parsed by every Node process as it boots
// (Node 20): 40–55 ms a boot here, where the variable names the system's 140-odd certificates.
if (process.env.NODE_EXTRA_CA_CERTS) {
  const { NODE_EXTRA_CA_CERTS: _, ...env } = process.env;
  t = performance.now();
  execFileSync(process.execPath, ['-e', '0'], { env });
  out.node_boot_without_extra_ca_certs = ms(t);
}

const child = fork(fileURLToPath(new URL('./ipc_echo.js', import.meta.url)), [], { serialization: 'advanced' });
const roundTrip = (message) =>
  new Promise((resolve) => {
    child.once('message', resolve);
    child.send(message);
  });
await roundTrip([{ t: 'warm' }]);
t = performance.now();
for (let i = 0; i < 2_000; i++) await roundTrip([{ t: 'run', id: i, args: [i] }]);
out.ipc_2000_round_trips = ms(t);
child.kill();
console.log(JSON.stringify(out));
