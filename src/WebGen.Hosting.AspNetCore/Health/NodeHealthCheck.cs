using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace WebGen.Hosting;

/// <summary>Runs <c>node --version</c> and <c>npm --version</c>: Healthy for Node 20 or later with npm.</summary>
internal sealed class NodeHealthCheck : IHealthCheck
{
    private const int MinimumMajor = 20;
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(15);
    private readonly CachedProbe _probe;

    public NodeHealthCheck(IOptions<WebGenHostingOptions> options, TimeProvider? time = null) =>
        _probe = new CachedProbe(time ?? TimeProvider.System, options.Value.HealthProbeCacheDuration, ProbeAsync);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) => _probe.GetAsync(cancellationToken);

    private static async Task<HealthCheckResult> ProbeAsync(CancellationToken cancellationToken)
    {
        var node = await VersionAsync("node", cancellationToken).ConfigureAwait(false);
        if (node.Problem is not null)
        {
            return HealthCheckResult.Unhealthy("Node.js: " + node.Problem + " Install Node.js 20 or later with npm.");
        }

        var major = int.TryParse(node.Version!.TrimStart('v').Split('.')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : 0;
        if (major < MinimumMajor)
        {
            return HealthCheckResult.Unhealthy($"Node.js {node.Version} is too old: generated Vite sites need Node.js {MinimumMajor} or later.");
        }

        var npm = await VersionAsync("npm", cancellationToken).ConfigureAwait(false);
        if (npm.Problem is not null)
        {
            return HealthCheckResult.Unhealthy("npm: " + npm.Problem + " Install npm beside Node.js.");
        }

        return HealthCheckResult.Healthy($"node {node.Version}, npm {npm.Version}", new Dictionary<string, object> { ["node"] = node.Version, ["npm"] = npm.Version! });
    }

    private static async Task<(string? Version, string? Problem)> VersionAsync(string command, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(command, "--version") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("the process did not start");
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return (null, $"'{command}' could not be started ({ex.Message}).");
        }

        using (process)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ProbeTimeout);
            try
            {
                var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
                var text = (await output.ConfigureAwait(false)).Trim();
                return process.ExitCode == 0 && text.Length > 0
                    ? (text, null)
                    : (null, string.Create(CultureInfo.InvariantCulture, $"'{command} --version' exited with {process.ExitCode}."));
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                return (null, $"'{command} --version' did not answer within {ProbeTimeout.TotalSeconds:0} s.");
            }
        }
    }
}
