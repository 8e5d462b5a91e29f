namespace WebGen.Bench;

/// <summary>How a test case's verdict is read from the agent's last message.</summary>
public enum BenchVerdictMode
{
    /// <summary>
    /// The default: the last non-empty line must start with YES, PARTIAL or NO (after an optional
    /// <c>Answer:</c> or <c>Action: ANSWER;</c> prefix, any case); anything else is unreadable and scores 0.
    /// </summary>
    Exact,

    /// <summary>
    /// The published harness's rule, for comparing with published tables: the agent's whole last message (its
    /// reasoning included) contains <c>YES</c> → 1, else contains <c>PARTIAL</c> → 0.5, else 0 (case-sensitive
    /// substrings anywhere in the message).
    /// </summary>
    Reference,
}
