using Microsoft.Extensions.AI;

namespace WebGen.Playwright;

/// <summary>The outcome of one <see cref="WebVoyagerAgent"/> run: every action, the answer and its verdict.</summary>
public sealed record class WebVoyagerRun
{
    /// <summary>The task the agent was given.</summary>
    public required string Task { get; init; }

    /// <summary>The site it started on.</summary>
    public required Uri StartUrl { get; init; }

    /// <summary>Every step, in order, with its target, error and the screenshot after it.</summary>
    public IReadOnlyList<GuiTrajectoryStep> Trajectory { get; init; } = [];

    /// <summary>The text after <c>ANSWER;</c>; null when the agent never answered.</summary>
    public string? FinalAnswer { get; init; }

    /// <summary>The model's last message (what the WebGen-Bench harness reads).</summary>
    public string? LastModelOutput { get; init; }

    /// <summary>The verdict parsed from the answer with <see cref="WebVoyagerOptions.VerdictParsing"/>.</summary>
    public GuiVerdict Verdict { get; init; }

    /// <summary>Why the run ended.</summary>
    public WebVoyagerStopReason StopReason { get; init; }

    /// <summary>What prevented a normal run (site unreachable, model or browser failure); null otherwise.</summary>
    public string? Failure { get; init; }

    /// <summary>Console errors the site logged during the run.</summary>
    public IReadOnlyList<string> ConsoleErrors { get; init; } = [];

    /// <summary>Uncaught errors the site threw during the run.</summary>
    public IReadOnlyList<string> PageErrors { get; init; } = [];

    /// <summary>Requests to other origins that were blocked.</summary>
    public IReadOnlyList<string> BlockedRequests { get; init; } = [];

    /// <summary>Tokens spent by the agent's model.</summary>
    public UsageDetails? Usage { get; init; }

    /// <summary>Wall time of the run.</summary>
    public TimeSpan Duration { get; init; }
}
