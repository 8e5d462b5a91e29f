using System.Globalization;

namespace WebGen.Bench;

/// <summary>
/// A selection of task ids such as <c>1-10,42</c>: comma-separated numbers, inclusive ranges and exact ids.
/// Numbers match ids by value, so <c>42</c> and <c>000042</c> both select task <c>000042</c>.
/// </summary>
public sealed class BenchTaskSelection
{
    private readonly IReadOnlyList<Item> _items;

    private BenchTaskSelection(string text, IReadOnlyList<Item> items)
    {
        Text = text;
        _items = items;
    }

    /// <summary>The selection as written.</summary>
    public string Text { get; }

    /// <summary>Parses a selection.</summary>
    /// <param name="text">For example <c>1-10,42</c> or <c>000003,000007</c>.</param>
    /// <exception cref="ArgumentException">A part is not a number, a range or an id, or a range runs backwards.</exception>
    public static BenchTaskSelection Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var items = new List<Item>();
        foreach (var raw in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (raw.Length == 0)
            {
                throw new ArgumentException($"The task selection '{text}' has an empty part; write ids and ranges separated by commas, for example 1-10,42.", nameof(text));
            }

            var dash = raw.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && TryParseNumber(raw[..dash].Trim(), out var from) && TryParseNumber(raw[(dash + 1)..].Trim(), out var to))
            {
                if (to < from)
                {
                    throw new ArgumentException($"The task range '{raw}' runs backwards; write the smaller id first (for example {to}-{from}).", nameof(text));
                }

                items.Add(new Item(raw, from, to, null));
            }
            else if (TryParseNumber(raw, out var number))
            {
                items.Add(new Item(raw, number, number, null));
            }
            else if (raw.Contains('-', StringComparison.Ordinal) && raw.Split('-').All(p => p.Trim().All(char.IsAsciiDigit)))
            {
                throw new ArgumentException($"The task range '{raw}' is not valid; write two ids joined by '-', for example 1-10.", nameof(text));
            }
            else if (raw.Any(char.IsWhiteSpace))
            {
                throw new ArgumentException($"'{raw}' in the task selection '{text}' is not a task id or range; write ids and ranges separated by commas, for example 1-10,42.", nameof(text));
            }
            else
            {
                items.Add(new Item(raw, 0, -1, raw));
            }
        }

        return new BenchTaskSelection(text, items);
    }

    /// <summary>True when <paramref name="taskId"/> is selected.</summary>
    /// <param name="taskId">A task id from the dataset.</param>
    public bool Contains(string taskId)
    {
        ArgumentNullException.ThrowIfNull(taskId);
        var isNumber = TryParseNumber(taskId, out var number);
        return _items.Any(i => i.Exact is { } exact ? string.Equals(exact, taskId, StringComparison.Ordinal) : isNumber && number >= i.From && number <= i.To);
    }

    /// <summary>The selected tasks of <paramref name="dataset"/> in file order.</summary>
    /// <param name="dataset">The dataset.</param>
    /// <exception cref="ArgumentException">An id or a whole range names no task of the dataset.</exception>
    public IReadOnlyList<BenchTask> Apply(BenchDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var numbers = dataset.Tasks.Select(t => TryParseNumber(t.Id, out var n) ? n : (long?)null).ToList();
        var unknown = new List<string>();
        foreach (var item in _items)
        {
            var matches = item.Exact is { } exact
                ? dataset.Tasks.Any(t => string.Equals(t.Id, exact, StringComparison.Ordinal))
                : numbers.Any(n => n >= item.From && n <= item.To);
            if (!matches)
            {
                unknown.Add(item.Text);
            }
        }

        if (unknown.Count > 0)
        {
            var known = dataset.Tasks.Count == 0 ? "none" : $"{dataset.Tasks[0].Id} … {dataset.Tasks[^1].Id} ({dataset.Tasks.Count} tasks)";
            throw new ArgumentException($"The task selection names tasks that are not in the dataset: {string.Join(", ", unknown)}. The dataset's ids are {known}.", nameof(dataset));
        }

        return [.. dataset.Tasks.Where(t => Contains(t.Id))];
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    internal static bool TryParseNumber(string text, out long number)
    {
        number = 0;
        return text.Length is > 0 and <= 18 && text.All(char.IsAsciiDigit) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }

    private sealed record Item(string Text, long From, long To, string? Exact);
}
