namespace WebGen;

/// <summary>One rule an accessibility audit found violated (axe-core's result shape).</summary>
public sealed record class AccessibilityViolation
{
    /// <summary>The rule id, for example <c>color-contrast</c>.</summary>
    public required string RuleId { get; init; }

    /// <summary>minor, moderate, serious or critical.</summary>
    public string Impact { get; init; } = "";

    /// <summary>What the rule checks.</summary>
    public string Description { get; init; } = "";

    /// <summary>How many elements violate it.</summary>
    public int NodeCount { get; init; }

    /// <summary>CSS selectors or HTML excerpts of the first offending elements.</summary>
    public IReadOnlyList<string> Targets { get; init; } = [];
}
