using Microsoft.Extensions.AI;

namespace WebGen;

/// <summary>Sums token usage across model calls.</summary>
internal sealed class UsageAccumulator
{
    private readonly UsageDetails _total = new();

    public UsageAccumulator(UsageDetails? start = null) => Add(start);

    public void Add(UsageDetails? usage)
    {
        if (usage is not null)
        {
            _total.Add(usage);
        }
    }

    public UsageDetails Snapshot()
    {
        var copy = new UsageDetails();
        copy.Add(_total);
        return copy;
    }
}
