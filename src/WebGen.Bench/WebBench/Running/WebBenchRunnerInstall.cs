namespace WebGen.Bench;

/// <summary>A project's prepared test runner: the benchmark's test dependencies installed on the host, the harness's scripts, the site's server and the list of cases.</summary>
internal sealed record class WebBenchRunnerInstall
{
    public required string Directory { get; init; }

    public required WebBenchServerSpec Server { get; init; }

    /// <summary>Every case of every spec, as not run (the listing).</summary>
    public required IReadOnlyList<WebBenchCaseResult> Cases { get; init; }

    /// <summary>Spec files that could not be loaded while listing, with the error.</summary>
    public required IReadOnlyDictionary<string, string> LoadErrors { get; init; }
}
