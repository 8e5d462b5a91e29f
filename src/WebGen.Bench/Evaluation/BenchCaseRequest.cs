namespace WebGen.Bench;

/// <summary>What a <see cref="IBenchCaseAgent"/> is asked to test.</summary>
public sealed record class BenchCaseRequest
{
    /// <summary>The running site's home page.</summary>
    public required Uri SiteUrl { get; init; }

    /// <summary>The test case.</summary>
    public required BenchCase Case { get; init; }

    /// <summary>The website instruction the site was built from (context for logs; the prompt does not include it).</summary>
    public required string WebsiteInstruction { get; init; }

    /// <summary>The benchmark's test prompt for the case (<see cref="BenchPrompts.TestCase"/>): give it to the agent as its task.</summary>
    public required string Prompt { get; init; }

    /// <summary>The most interactions the agent may make before it must answer (benchmark: 15).</summary>
    public int MaxInteractions { get; init; } = BenchPrompts.DefaultMaxInteractions;

    /// <summary>An id unique to this case run; use it to give the case its own fresh browser context.</summary>
    public required string SessionId { get; init; }
}
