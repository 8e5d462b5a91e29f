// Prints how the project's own config serves its site (webServer), so the harness can serve it the same way in the sandbox.
const config = require('./playwright.config.js')

const servers = Array.isArray(config.webServer) ? config.webServer : config.webServer ? [config.webServer] : []
process.stdout.write(
  JSON.stringify({
    servers: servers.map((s) => ({
      command: s.command || null,
      env: s.env || {},
      url: s.url || (s.port ? `http://localhost:${s.port}` : null),
      timeout: s.timeout || 60000,
    })),
  })
)
