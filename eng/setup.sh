#!/usr/bin/env bash
# Installs what the tests and the CLI need on a fresh Debian machine: Chromium for Playwright
# (used through its ExecutablePath, no browser download), bubblewrap for the sandbox's isolation,
# redis-server for the scale-out tests (WebGen.Orleans: shared checkpoints and clustering), and
# checks Node.js + npm.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || missing+=(chromium)
command -v bwrap >/dev/null 2>&1 || missing+=(bubblewrap)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing Debian ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
echo "setup: $(chromium --version 2>/dev/null || chromium-browser --version)"
echo "setup: $(bwrap --version)"
echo "setup: $(redis-server --version | cut -d' ' -f1-3)"
if ! bwrap --unshare-user --unshare-pid --unshare-net --ro-bind / / --proc /proc --dev /dev true 2>/tmp/webgen-bwrap-check; then
  echo "setup: bubblewrap cannot create user namespaces here: $(cat /tmp/webgen-bwrap-check)" >&2
  echo "setup: enable unprivileged user namespaces, or set WebGen:Sandbox:Isolation=None (see docs/security.md)" >&2
  exit 1
fi

command -v node >/dev/null 2>&1 || { echo "setup: Node.js 20+ is required (node not found on PATH)" >&2; exit 1; }
command -v npm >/dev/null 2>&1 || { echo "setup: npm is required (npm not found on PATH)" >&2; exit 1; }
echo "setup: node $(node --version), npm $(npm --version)"
