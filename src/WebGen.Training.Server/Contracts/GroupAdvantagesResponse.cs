using System.Text.Json.Serialization;

namespace WebGen.Training.Server;

/// <summary>The answer to <c>POST /rewards/group-advantages</c>.</summary>
public sealed record class GroupAdvantagesResponse
{
    /// <summary>The advantages, shaped like the request's rewards.</summary>
    public required IReadOnlyList<IReadOnlyList<double>> Advantages { get; init; }

    /// <summary>μ: the mean of the group's rewards (0 for fewer than two).</summary>
    public required double Mean { get; init; }

    /// <summary>σ: the sample standard deviation (n − 1; 1 for fewer than two rewards, 0 when all are equal).</summary>
    [JsonPropertyName("std")]
    public required double StandardDeviation { get; init; }

    /// <summary>How many rewards the statistics counted (shared rewards once).</summary>
    public required int Count { get; init; }
}
