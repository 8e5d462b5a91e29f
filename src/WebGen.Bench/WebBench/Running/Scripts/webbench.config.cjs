// Written by WebGen.Bench beside a Web-Bench project's own playwright.config.js: the project's settings, with the
// site served by the SDK's sandbox (no webServer), Debian's Chromium instead of a downloaded browser, a JSON report
// for the harness, and a screenshot of every failing case. No retries: the harness decides what is retried.
const base = require('./playwright.config.js')

const env = process.env
const launchOptions = { ...((base.use || {}).launchOptions || {}), executablePath: env.WEBBENCH_CHROMIUM }

module.exports = {
  ...base,
  webServer: undefined,
  retries: 0,
  forbidOnly: false,
  workers: Number(env.WEBBENCH_WORKERS || 1),
  reporter: [['json', { outputFile: env.WEBBENCH_REPORT }]],
  outputDir: env.WEBBENCH_OUTPUT_DIR,
  use: { ...base.use, launchOptions, screenshot: 'only-on-failure', trace: 'off', video: 'off' },
  projects: (base.projects || [{ name: 'chromium' }]).map((p) => ({ ...p, use: { ...p.use, launchOptions } })),
}
