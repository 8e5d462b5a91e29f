using System.Text.Json.Serialization;

namespace WebGen.Training;

/// <summary>
/// The outcome of deterministic tests run against a step's site (for example Web-Bench's Playwright specs through the
/// task being implemented): a verifiable signal beside the VLM grades, for rewards and for export.
/// </summary>
public sealed record class StepTestOutcome
{
    /// <summary>What ran, for example <c>web-bench/react through task-3</c>.</summary>
    public string Suite { get; init; } = "";

    /// <summary>Test cases that passed.</summary>
    public required int Passed { get; init; }

    /// <summary>Test cases that counted (run or due but not run).</summary>
    public required int Total { get; init; }

    /// <summary>The cases that did not pass, by name.</summary>
    public IReadOnlyList<string> Failed { get; init; } = [];

    /// <summary>Passed ÷ total in [0, 1]; 0 when no case counted. Derived, so not written to trajectory files.</summary>
    [JsonIgnore]
    public double Fraction => Total <= 0 ? 0 : Math.Clamp((double)Passed / Total, 0, 1);
}
