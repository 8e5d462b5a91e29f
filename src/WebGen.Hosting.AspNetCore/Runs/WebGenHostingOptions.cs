using System.ComponentModel.DataAnnotations;

namespace WebGen.Hosting;

/// <summary>Limits of the hosted run queue and its HTTP API (configuration section <c>WebGen:Hosting</c>), validated at start-up.</summary>
public sealed class WebGenHostingOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "WebGen:Hosting";

    /// <summary>Runs at once (default 2). Each one installs, starts and screenshots a site, so size it to the machine.</summary>
    [Range(1, 256)]
    public int MaxConcurrentRuns { get; set; } = 2;

    /// <summary>Runs waiting for a slot (default 8); beyond it a submission is refused (HTTP 429 with <c>Retry-After</c>). 0 refuses whenever every slot is busy.</summary>
    [Range(0, 10_000)]
    public int MaxQueuedRuns { get; set; } = 8;

    /// <summary>Runs kept in memory with their events and screenshots (default 50); the oldest finished ones are forgotten first. Run directories stay on disk.</summary>
    [Range(1, 100_000)]
    public int MaxRetainedRuns { get; set; } = 50;

    /// <summary>The longest instruction accepted, in characters (default 8000).</summary>
    [Range(1, 1_000_000)]
    public int MaxInstructionLength { get; set; } = 8000;

    /// <summary>The largest <c>maxIterations</c> a request may ask for (default 50).</summary>
    [Range(1, 1000)]
    public int MaxIterationsLimit { get; set; } = 50;

    /// <summary>The <c>Retry-After</c> sent with a refusal when the queue is full (default 30 s).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Launch the browser when the app starts rather than at the first screenshot (default true).</summary>
    public bool WarmUpBrowser { get; set; } = true;

    /// <summary>
    /// Install the sandbox's <c>node_modules</c> template when the app starts, when <c>WebGen:Sandbox:NodeModulesTemplatePath</c> is set
    /// (default true). Runs wait in the queue until it is ready, so no run seeds from a half-installed template.
    /// </summary>
    public bool PrepareTemplate { get; set; } = true;

    /// <summary>How long the Node and bubblewrap health checks reuse their last probe (default 1 minute): both start processes.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan HealthProbeCacheDuration { get; set; } = TimeSpan.FromMinutes(1);
}
