'use strict';
// Started by WebGen.Sandbox inside a stage's sandbox; the model never writes it (it is mounted read-only). The
// sandbox has its own network namespace, which the host cannot reach and which reaches nothing. A directory shared
// with the host holds a unix socket that connects the two, in one of two directions:
//
//   serve  <socket> <port> <program> [arguments...]
//     The dev server listens on 127.0.0.1:<port> inside. The relay listens on <socket> and carries each
//     connection the host's bridge makes (page loads, modules, Vite's HMR websocket) to the server.
//   egress <socket> <port> <program> [arguments...]
//     npm is told to use an HTTP proxy at 127.0.0.1:<port> inside. The relay listens there and carries each
//     connection to <socket>, where the host's proxy lets through only the registry.
//
// Then it runs the stage's command and exits with its status, so the sandbox ends when the command does.
const net = require('node:net');
const fs = require('node:fs');
const os = require('node:os');
const { spawn } = require('node:child_process');

const [mode, socketPath, port, program, ...args] = process.argv.slice(2);

function carry(client, connect) {
  const upstream = connect();
  const drop = () => { client.destroy(); upstream.destroy(); };
  client.on('error', drop);
  upstream.on('error', drop);
  client.pipe(upstream);
  upstream.pipe(client);
}

if (mode === 'serve') {
  try { fs.unlinkSync(socketPath); } catch { /* first start */ }
  net.createServer(client => carry(client, () => net.connect(Number(port), '127.0.0.1'))).listen(socketPath, start);
} else if (mode === 'egress') {
  net.createServer(client => carry(client, () => net.connect(socketPath))).listen(Number(port), '127.0.0.1', start);
} else {
  console.error(`relay: unknown mode '${mode}'`);
  process.exit(2);
}

function start() {
  const child = spawn(program, args, { stdio: 'inherit' });
  child.on('error', error => {
    console.error(`Could not start '${program}': ${error.message}`);
    process.exit(127);
  });
  child.on('exit', (code, signal) => process.exit(code ?? 128 + (os.constants.signals[signal] ?? 0)));
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) {
    process.on(signal, () => child.kill(signal));
  }
}
