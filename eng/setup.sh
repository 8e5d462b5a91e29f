#!/usr/bin/env bash
# Installs what the tests and the CLI need on a fresh Debian machine: Chromium for Playwright
# (used through its ExecutablePath, no browser download) and checks Node.js + npm.
set -euo pipefail

if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
  echo "setup: installing Debian chromium"
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
echo "setup: $(chromium --version 2>/dev/null || chromium-browser --version)"

command -v node >/dev/null 2>&1 || { echo "setup: Node.js 20+ is required (node not found on PATH)" >&2; exit 1; }
command -v npm >/dev/null 2>&1 || { echo "setup: npm is required (npm not found on PATH)" >&2; exit 1; }
echo "setup: node $(node --version), npm $(npm --version)"
