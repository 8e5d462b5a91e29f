namespace WebGen;

/// <summary>One named entry of a run's checkpoints (see <see cref="IRunStore"/>).</summary>
public sealed record class RunStoreEntry
{
    /// <summary>The relative, '/'-separated name, for example <c>steps/0001/step.json</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The content.</summary>
    public required ReadOnlyMemory<byte> Content { get; init; }
}
