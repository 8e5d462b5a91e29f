namespace WebGen.Bench;

/// <summary>How a project's own Playwright config serves its site (its <c>webServer</c>), with the port left as a placeholder.</summary>
internal sealed record class WebBenchServerSpec
{
    /// <summary>Stands for the port while the config is read; the sandbox's <c>$PORT</c> replaces it.</summary>
    public const string PortPlaceholder = "__WEBBENCH_PORT__";

    public required string Command { get; init; }

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The path the config waits for (<c>/</c>, or <c>/design.html</c>).</summary>
    public string ReadyPath { get; init; } = "/";

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);
}
