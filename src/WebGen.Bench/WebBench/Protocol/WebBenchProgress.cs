namespace WebGen.Bench;

/// <summary>A progress report of a Web-Bench run.</summary>
public sealed record class WebBenchProgress
{
    /// <summary>What happened.</summary>
    public required WebBenchProgressKind Kind { get; init; }

    /// <summary>The project.</summary>
    public required string Project { get; init; }

    /// <summary>The task of an attempt (0 otherwise).</summary>
    public int Task { get; init; }

    /// <summary>The attempt (0 otherwise).</summary>
    public int Attempt { get; init; }

    /// <summary>Whether the attempt or evaluation passed.</summary>
    public bool Passed { get; init; }

    /// <summary>Cases passed so far in the project (or in the evaluation).</summary>
    public int CasesPassed { get; init; }

    /// <summary>Cases counted.</summary>
    public int Cases { get; init; }

    /// <summary>A sentence for the reader (a problem, a resume).</summary>
    public string? Message { get; init; }

    /// <summary>When it happened.</summary>
    public DateTimeOffset Timestamp { get; init; }
}
