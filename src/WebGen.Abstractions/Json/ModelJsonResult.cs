using Microsoft.Extensions.AI;

namespace WebGen;

/// <summary>The outcome of asking a model for a JSON answer: the typed value, or why none was usable.</summary>
/// <typeparam name="T">The typed value.</typeparam>
public sealed record class ModelJsonResult<T>
{
    /// <summary>The value read from the answer; default when <see cref="Failure"/> is set.</summary>
    public T? Value { get; init; }

    /// <summary>Why no usable answer was obtained (call failed, invalid JSON after the repair retry); null on success.</summary>
    public string? Failure { get; init; }

    /// <summary>The last answer text received, for logs and reports.</summary>
    public string? RawText { get; init; }

    /// <summary>Model calls made: 1, or 2 when a repair retry was needed.</summary>
    public int Attempts { get; init; }

    /// <summary>Tokens spent over all attempts.</summary>
    public UsageDetails? Usage { get; init; }

    /// <summary>True when <see cref="Value"/> holds a validated answer.</summary>
    public bool Succeeded => Failure is null;
}
