using System.Diagnostics;
using System.Globalization;
using WebGen.Sandbox;
using WebGen.Sandbox.Processes;

/// <summary>
/// The reference implementation's procedure per step, on the host like the reference: `npm install`, then a fresh
/// `npm run dev` (npm → sh → vite), ready when the dev server prints its URL.
/// </summary>
internal static class ReferenceProcedure
{
    /// <summary>Runs `npm install` in <paramref name="workspace"/> and waits for it.</summary>
    public static async Task InstallAsync(string workspace, LocalSandboxOptions options, IReadOnlyDictionary<string, string> environment)
    {
        var install = ChildProcess.Start(new ChildStartInfo { Program = "npm", Arguments = ["install"], WorkingDirectory = workspace, Environment = environment }, OutputCapture.From(options), TimeProvider.System);
        await install.Exited;
        await install.StopAsync(TimeSpan.FromSeconds(2));
        if (install.ExitCode != 0)
        {
            throw new InvalidOperationException($"Reference npm install failed:\n{install.Output.Text()}");
        }
    }

    /// <summary>Starts a fresh `npm run dev` on <paramref name="port"/> and returns once it printed its URL.</summary>
    public static async Task<ChildProcess> StartDevServerAsync(string workspace, int port, LocalSandboxOptions options, IReadOnlyDictionary<string, string> environment)
    {
        var clock = Stopwatch.StartNew();
        var server = ChildProcess.Start(new ChildStartInfo
        {
            Program = "npm",
            Arguments = ["run", "dev", "--", "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture)],
            WorkingDirectory = workspace,
            Environment = environment,
        }, OutputCapture.From(options), TimeProvider.System);
        while (!server.Output.Text().Contains("Local:", StringComparison.Ordinal))
        {
            if (server.HasExited || clock.Elapsed > TimeSpan.FromMinutes(1))
            {
                await server.StopAsync(TimeSpan.FromSeconds(2));
                throw new InvalidOperationException($"Reference dev server did not print its URL:\n{server.Output.Text()}");
            }

            await Task.Delay(20);
        }

        return server;
    }
}
