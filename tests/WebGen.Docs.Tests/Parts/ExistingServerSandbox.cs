using System.Diagnostics;

namespace WebGen.Docs.Tests;

// begin-snippet: custom-sandbox
/// <summary>
/// Runs nothing itself: your own tooling serves the workspace (for example a container that mounts it and
/// runs a dev server), and this sandbox waits until that server answers. Shell actions are refused.
/// </summary>
public sealed class ExistingServerSandbox(Uri siteUrl, HttpClient http) : ISandbox
{
    public ValueTask<ISandboxSession> OpenSessionAsync(SandboxSessionRequest request, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<ISandboxSession>(new Session(siteUrl, http));

    private sealed class Session(Uri siteUrl, HttpClient http) : ISandboxSession
    {
        public Task<ShellCommandResult> RunShellAsync(string command, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ShellCommandResult { Command = command, Allowed = false, RefusalReason = "This sandbox runs no commands." });

        public async Task<SandboxRunResult> EnsureRunningAsync(CancellationToken cancellationToken = default)
        {
            var started = Stopwatch.GetTimestamp();
            string problem;
            try
            {
                using var response = await http.GetAsync(siteUrl, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return new SandboxRunResult
                    {
                        Install = SandboxStageResult.NotRun,
                        Start = new SandboxStageResult { Status = SandboxStageStatus.Skipped, Duration = Stopwatch.GetElapsedTime(started) },
                        Url = siteUrl,
                    };
                }

                problem = $"{siteUrl} answered HTTP {(int)response.StatusCode}.";
            }
            catch (HttpRequestException ex)
            {
                problem = $"{siteUrl} cannot be reached: {ex.Message}";
            }

            // A site that does not answer is a result the model gets as feedback, not an exception.
            return new SandboxRunResult
            {
                Install = SandboxStageResult.NotRun,
                Start = new SandboxStageResult { Status = SandboxStageStatus.Failed, Detail = problem, Duration = Stopwatch.GetElapsedTime(started) },
                Failure = SandboxFailureKind.StartFailed,
                FailureExcerpt = problem,
            };
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
// end-snippet
