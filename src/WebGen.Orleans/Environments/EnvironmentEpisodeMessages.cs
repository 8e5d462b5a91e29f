namespace WebGen.Orleans;

/// <summary>What an environment episode grain answered to a start or resume.</summary>
[GenerateSerializer]
internal enum EnvironmentEpisodeStatus
{
    /// <summary>The episode runs in this activation.</summary>
    Ready,

    /// <summary>The silo has no free slot: reserve one elsewhere and try again.</summary>
    NoSlot,

    /// <summary>Nothing to resume: the store holds no such run.</summary>
    NotFound,

    /// <summary>The activation holds an episode already.</summary>
    AlreadyStarted,

    /// <summary>The episode could not start (see the error).</summary>
    Failed,
}

/// <summary>What a step request found.</summary>
[GenerateSerializer]
internal enum EnvironmentStepStatus
{
    /// <summary>The step runs (or is recorded already); poll for it.</summary>
    Running,

    /// <summary>This activation holds no episode (its silo went away): resume it elsewhere.</summary>
    NotRunning,

    /// <summary>Another step runs.</summary>
    Busy,

    /// <summary>The step failed (see the error).</summary>
    Failed,

    /// <summary>The step was recorded; the poll carries it.</summary>
    Recorded,
}

/// <summary>An environment episode as its grain holds it: identity, chat and every recorded step.</summary>
[GenerateSerializer]
[Immutable]
internal sealed record class EnvironmentEpisodeView
{
    [Id(0)]
    public EnvironmentEpisodeStatus Status { get; init; }

    [Id(1)]
    public Guid Activation { get; init; }

    [Id(2)]
    public string Silo { get; init; } = "";

    [Id(3)]
    public int MaxIterations { get; init; }

    /// <summary>The chat so far, as (role, text) pairs.</summary>
    [Id(4)]
    public IReadOnlyList<EnvironmentChatMessage> Messages { get; init; } = [];

    /// <summary>Every recorded step, as JSON (<see cref="ClusterJson"/>).</summary>
    [Id(5)]
    public IReadOnlyList<string> Steps { get; init; } = [];

    [Id(6)]
    public string? Error { get; init; }

    [Id(7)]
    public bool IsResume { get; init; }

    /// <summary>The type name of the exception behind <see cref="Error"/>, so the client throws the same kind.</summary>
    [Id(8)]
    public string? ErrorType { get; init; }
}

/// <summary>One chat message of an environment episode.</summary>
[GenerateSerializer]
[Immutable]
internal sealed record class EnvironmentChatMessage([property: Id(0)] string Role, [property: Id(1)] string Text);

/// <summary>The answer to a step poll.</summary>
[GenerateSerializer]
[Immutable]
internal sealed record class EnvironmentStepPoll
{
    [Id(0)]
    public EnvironmentStepStatus Status { get; init; }

    [Id(1)]
    public Guid Activation { get; init; }

    /// <summary>The recorded step as JSON, once <see cref="Status"/> is <see cref="EnvironmentStepStatus.Recorded"/>.</summary>
    [Id(2)]
    public string? Step { get; init; }

    /// <summary>The chat after the step.</summary>
    [Id(3)]
    public IReadOnlyList<EnvironmentChatMessage> Messages { get; init; } = [];

    [Id(4)]
    public string? Error { get; init; }
}
