using System.Collections;
using System.Globalization;

namespace WebGen;

/// <summary>
/// The logging scope of an episode's work: <c>webgen.run_id</c> and <c>webgen.step</c> on every line written while a step
/// runs (by the agent and by every part it calls), so concurrent runs can be told apart.
/// </summary>
internal sealed class StepLogScope(string runId, int step) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public int Count => 2;

    public KeyValuePair<string, object?> this[int index] => index switch
    {
        0 => new("webgen.run_id", runId),
        1 => new("webgen.step", step),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return this[0];
        yield return this[1];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"run {runId} step {step}");
}
