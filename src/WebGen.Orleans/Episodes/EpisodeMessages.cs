namespace WebGen.Orleans;

/// <summary>Where an episode grain's run stands.</summary>
[GenerateSerializer]
internal enum EpisodeRunState
{
    /// <summary>This activation runs nothing (new, or its silo took over no run).</summary>
    NotRunning,

    /// <summary>The run is going on.</summary>
    Running,

    /// <summary>The run ended with a result.</summary>
    Completed,

    /// <summary>The run was cancelled; its completed steps stay checkpointed.</summary>
    Cancelled,

    /// <summary>The run failed (see the error).</summary>
    Failed,
}

/// <summary>What <see cref="IWebGenEpisodeGrain.StartAsync"/> did.</summary>
[GenerateSerializer]
internal enum EpisodeStartStatus
{
    /// <summary>The activation started (or resumed) the run.</summary>
    Started,

    /// <summary>The activation already runs (or ran) it.</summary>
    AlreadyStarted,

    /// <summary>The silo has no free slot: reserve one elsewhere and try again.</summary>
    NoSlot,

    /// <summary>Nothing to resume: the store holds no such run.</summary>
    NotFound,
}

[GenerateSerializer]
[Immutable]
internal sealed record class EpisodeStart
{
    [Id(0)]
    public EpisodeStartStatus Status { get; init; }

    /// <summary>Identifies the activation, so a client notices when its episode moved to another silo.</summary>
    [Id(1)]
    public Guid Activation { get; init; }

    [Id(2)]
    public string Silo { get; init; } = "";
}

[GenerateSerializer]
[Immutable]
internal sealed record class EpisodeEvents
{
    [Id(0)]
    public Guid Activation { get; init; }

    /// <summary>The events after the cursor, as JSON (<see cref="ClusterJson"/>).</summary>
    [Id(1)]
    public IReadOnlyList<string> Events { get; init; } = [];

    [Id(2)]
    public EpisodeRunState State { get; init; }

    [Id(3)]
    public string? Error { get; init; }
}
