using System.Globalization;
using System.Text;

namespace WebGen.Bench;

/// <summary>
/// Implements Web-Bench tasks with a WebGen agent: each attempt is one agent run that continues the project
/// (<see cref="WebGenRequest.StartingDirectory"/>) from the source the earlier tasks left — <c>src-init/</c> before task 1
/// — with the task's description as the instruction and, on the retry, the failing tests' errors. The agent writes, runs
/// and checks the site as in any run; the source of the step it chooses becomes the attempt's <c>src/</c>.
/// </summary>
/// <remarks>
/// Each attempt's run directory is <c>{RunsDirectory}/{project}/task-NN-A</c>; an attempt stopped midway (the harness
/// killed) resumes its agent run when the harness asks for it again. The tests are not shown to the agent, as in the
/// benchmark; only files under <c>src/</c> are kept, the project's configuration being the benchmark's.
/// </remarks>
public sealed class AgentWebBenchSolver : IWebBenchSolver
{
    /// <summary>Characters of the first attempt's test errors given to the retry; the rest is cut with a note.</summary>
    public const int MaxErrorCharacters = 12_000;

    private readonly IWebGenAgent _agent;
    private readonly string _runsDirectory;
    private readonly int? _maxIterations;
    private readonly IReadOnlyDictionary<string, string> _labels;

    /// <summary>Creates the solver.</summary>
    /// <param name="agent">The agent that implements each attempt.</param>
    /// <param name="runsDirectory">Where the attempts' agent runs go (one folder per project).</param>
    /// <param name="maxIterations">The agent's step budget per attempt; null keeps the agent's.</param>
    /// <param name="labels">Labels for every run's manifest (the models used, say); never secrets.</param>
    public AgentWebBenchSolver(IWebGenAgent agent, string runsDirectory, int? maxIterations = null, IReadOnlyDictionary<string, string>? labels = null)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentException.ThrowIfNullOrWhiteSpace(runsDirectory);
        if (maxIterations is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxIterations), "The step budget per attempt must be at least 1 when set.");
        }

        _agent = agent;
        _runsDirectory = Path.GetFullPath(runsDirectory);
        _maxIterations = maxIterations;
        _labels = labels ?? new Dictionary<string, string>();
    }

    /// <summary>The instruction of an attempt: the task, where the source is, and on a retry the failing tests.</summary>
    /// <param name="request">The attempt.</param>
    public static string Instruction(WebBenchSolverRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = new StringBuilder();
        text.Append(request.Task.Description.Trim()).Append("\n\n");
        text.Append(CultureInfo.InvariantCulture, $"This is task {request.Task.Number} of {request.Project.Tasks.Count} of the Web-Bench project \"{request.Project.Name}\". ");
        text.Append("The site's source is the src/ folder: make the change there. Only files under src/ are kept; package.json and the other configuration belong to the benchmark and stay as they are. ");
        text.Append("Keep everything the earlier tasks built working: their tests run again with this task's.");
        if (request.Attempt > 1 && !string.IsNullOrWhiteSpace(request.PreviousErrors))
        {
            var errors = request.PreviousErrors.Length <= MaxErrorCharacters
                ? request.PreviousErrors
                : request.PreviousErrors[..MaxErrorCharacters] + "\n… (the rest of the errors is cut)";
            text.Append("\n\nYour previous attempt at this task did not pass the tests. The failing tests and their errors:\n\n")
                .Append(errors.Trim())
                .Append("\n\nFix the source so that these tests pass.");
        }

        return text.ToString();
    }

    /// <inheritdoc />
    public async Task<WebBenchSolverResult> ImplementAsync(WebBenchSolverRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var site = Path.GetDirectoryName(Path.GetFullPath(request.SourceDirectory))!;
        var name = string.Create(CultureInfo.InvariantCulture, $"task-{request.Task.Number:D2}-{request.Attempt}");
        var runDirectory = Path.Combine(_runsDirectory, request.Project.Name, name);
        WebGenResult result;
        try
        {
            if (File.Exists(Path.Combine(runDirectory, "run.json")))
            {
                result = await _agent.ResumeAsync(runDirectory, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                result = await StartAsync(request, site, runDirectory, name, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IOException or UnauthorizedAccessException && !cancellationToken.IsCancellationRequested)
        {
            return WebBenchSolverResult.Failed($"The agent run failed: {ex.Message}");
        }

        if (result.Steps.Count == 0)
        {
            return WebBenchSolverResult.Failed($"The agent completed no step ({result.StopReason}); see {result.RunDirectory}.");
        }

        var source = Path.Combine(result.WorkspacePath, "src");
        if (!Directory.Exists(source))
        {
            return WebBenchSolverResult.Failed($"The agent's chosen step has no src/ folder; see {result.RunDirectory}.");
        }

        WebBenchSiteWorkspace.ReplaceSource(site, source);
        var chosen = result.Chosen is { } node ? "step " + node.Step.ToString(CultureInfo.InvariantCulture) : "no step (the starting files)";
        return WebBenchSolverResult.Done($"agent run {Path.GetRelativePath(_runsDirectory, result.RunDirectory)}: {result.Steps.Count} steps, {result.StopReason}, chose {chosen}");
    }

    private async Task<WebGenResult> StartAsync(WebBenchSolverRequest request, string site, string runDirectory, string name, CancellationToken cancellationToken)
    {
        // A clean copy to start from: without installed dependencies, build output or the harness's marker.
        var start = runDirectory + ".start";
        if (Directory.Exists(start))
        {
            Directory.Delete(start, recursive: true);
        }

        WebBenchSiteWorkspace.CopyDirectory(site, start);
        File.Delete(Path.Combine(start, WebBenchSiteWorkspace.Marker));
        try
        {
            var labels = new Dictionary<string, string>(_labels, StringComparer.Ordinal)
            {
                ["webbench-project"] = request.Project.Name,
                ["webbench-task"] = request.Task.Id,
                ["webbench-attempt"] = request.Attempt.ToString(CultureInfo.InvariantCulture),
            };
            return await _agent.RunAsync(
                new WebGenRequest
                {
                    Instruction = Instruction(request),
                    RunId = RunId(request.Project.Name, name),
                    RunDirectory = runDirectory,
                    StartingDirectory = start,
                    MaxIterations = _maxIterations,
                    Labels = labels,
                },
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Directory.Delete(start, recursive: true);
        }
    }

    /// <summary>A run id from the project's folder name: letters, digits, '-' and '_' only.</summary>
    private static string RunId(string project, string attempt)
    {
        var safe = new string([.. project.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-')]);
        return ("webbench-" + safe)[..Math.Min(80, 9 + safe.Length)] + "-" + attempt;
    }
}
