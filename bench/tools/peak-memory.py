#!/usr/bin/env python3
"""Runs a command and reports the peak memory of its whole process tree (sandboxes, dev servers and Chromium
included): proportional set size (PSS, shared pages split between the processes sharing them, so the sum is not
inflated by Chromium's and Node's shared libraries) summed over every descendant, sampled every 0.5 s.

    python3 bench/tools/peak-memory.py -- webgen bench --tasks 1-8 --concurrency 4
"""
import os, subprocess, sys, time

def children():
    tree = {}
    for pid in os.listdir('/proc'):
        if not pid.isdigit():
            continue
        try:
            with open(f'/proc/{pid}/stat') as f:
                ppid = int(f.read().rsplit(')', 1)[1].split()[1])
            tree.setdefault(ppid, []).append(int(pid))
        except (OSError, IndexError, ValueError):
            pass
    return tree

def pss_kib(pid):
    try:
        with open(f'/proc/{pid}/smaps_rollup') as f:
            for line in f:
                if line.startswith('Pss:'):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0

def tree_pss(root):
    tree, total, stack, count = children(), 0, [root], 0
    while stack:
        pid = stack.pop()
        total += pss_kib(pid)
        count += 1
        stack.extend(tree.get(pid, []))
    return total, count

args = sys.argv[1:]
if args[:1] == ['--']:
    args = args[1:]
if not args:
    sys.exit(__doc__)
started = time.monotonic()
process = subprocess.Popen(args)
peak, peak_count = 0, 0
while process.poll() is None:
    total, count = tree_pss(process.pid)
    if total > peak:
        peak, peak_count = total, count
    time.sleep(0.5)
print(f'peak-memory: {peak / 1024:.0f} MiB PSS over {peak_count} processes at the peak; exit {process.returncode}; '
      f'{time.monotonic() - started:.0f} s', file=sys.stderr)
sys.exit(process.returncode)
