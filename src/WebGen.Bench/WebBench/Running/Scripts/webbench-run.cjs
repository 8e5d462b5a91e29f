// Runs Playwright's test command line. The harness starts this as the leader of a new process group; when the harness
// is gone (killed without a chance to clean up), the group is ended, so no test worker or browser outlives it.
const parent = process.ppid
setInterval(() => {
  if (process.ppid !== parent) {
    try {
      process.kill(-process.pid, 'SIGKILL')
    } catch {
      process.exit(137)
    }
  }
}, 500).unref()

require(require.resolve('@playwright/test/cli', { paths: [process.cwd()] }))
