'use strict';
// Started by WebGen.Sandbox inside a dev server's sandbox; the model never writes it (it is mounted read-only).
// The server listens on 127.0.0.1 inside its own network namespace, which the host cannot reach. This relay
// listens on a unix socket in a directory shared with the host and carries each connection the host's bridge
// makes (page loads, modules, Vite's HMR websocket) to the server; then it runs the server command and exits
// with its status, so the sandbox ends when the server does.
//   node relay.js <socket> <port> <program> [arguments...]
const net = require('node:net');
const fs = require('node:fs');
const os = require('node:os');
const { spawn } = require('node:child_process');

const [socketPath, port, program, ...args] = process.argv.slice(2);
try { fs.unlinkSync(socketPath); } catch { /* first start */ }

net.createServer(client => {
  const upstream = net.connect(Number(port), '127.0.0.1');
  const drop = () => { client.destroy(); upstream.destroy(); };
  client.on('error', drop);
  upstream.on('error', drop);
  client.pipe(upstream);
  upstream.pipe(client);
}).listen(socketPath);

const child = spawn(program, args, { stdio: 'inherit' });
child.on('error', error => {
  console.error(`Could not start '${program}': ${error.message}`);
  process.exit(127);
});
child.on('exit', (code, signal) => process.exit(code ?? 128 + (os.constants.signals[signal] ?? 0)));
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) {
  process.on(signal, () => child.kill(signal));
}
