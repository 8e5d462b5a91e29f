using System.Globalization;

namespace WebGen.Training;

/// <summary>
/// Adds weighted terms (for example an accessibility score) to the rewards of an inner adapter.
/// </summary>
/// <remarks>
/// Malformed steps keep the inner penalty unchanged, and a step whose site the prompt-injection pre-check flagged gains
/// nothing from the terms (it keeps the lower of the inner and the composite value). A step that inherits its reward (see
/// <see cref="StepReward.InheritedFromStep"/>) inherits the composite value of its source step, so the terms are computed
/// once per reward and the group statistics stay consistent.
/// </remarks>
public sealed class CompositeStepRewardAdapter : IStepRewardAdapter
{
    private readonly IStepRewardAdapter inner;
    private readonly StepRewardTerm[] terms;

    /// <summary>Creates the adapter.</summary>
    /// <param name="inner">The base rewards, for example <see cref="StepGrpoRewardAdapter.Reference"/>.</param>
    /// <param name="terms">The terms to add.</param>
    public CompositeStepRewardAdapter(IStepRewardAdapter inner, params IEnumerable<StepRewardTerm> terms)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(terms);
        this.inner = inner;
        this.terms = [.. terms];
        if (Array.Exists(this.terms, t => t is null || t.Compute is null || string.IsNullOrWhiteSpace(t.Name) || !double.IsFinite(t.Weight)))
        {
            throw new ArgumentException("Every term needs a name, a finite weight and a Compute function.", nameof(terms));
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<StepReward> ComputeRewards(IReadOnlyList<StepRecord> trajectory)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        var rewards = StepRewardChecks.Checked(inner.ComputeRewards(trajectory), trajectory, inner);
        var codeSteps = StepCredit.FindCodeSteps(trajectory);
        var indexByStep = new Dictionary<int, int>(trajectory.Count);
        for (var i = 0; i < trajectory.Count; i++)
        {
            indexByStep[trajectory[i].Node.Step] = i;
        }

        var result = new StepReward?[rewards.Count];
        for (var i = 0; i < rewards.Count; i++)
        {
            if (rewards[i].InheritedFromStep is null)
            {
                result[i] = rewards[i].IsMalformed ? rewards[i] : AddTerms(trajectory, i, codeSteps[i], rewards[i]);
            }
        }

        for (var i = 0; i < rewards.Count; i++)
        {
            if (rewards[i].InheritedFromStep is { } source)
            {
                if (!indexByStep.TryGetValue(source, out var sourceIndex) || result[sourceIndex] is not { } sourceReward)
                {
                    throw new InvalidOperationException($"The reward adapter {inner} made step {rewards[i].Step} inherit from step {source}, which has no reward of its own.");
                }

                result[i] = rewards[i] with
                {
                    Value = sourceReward.Value,
                    Reason = string.Create(CultureInfo.InvariantCulture, $"inherits step {source}: {sourceReward.Reason}"),
                };
            }
        }

        return result!;
    }

    /// <inheritdoc />
    public override string ToString() => $"{inner} + {string.Join(" + ", terms.Select(t => t.Name))}";

    private StepReward AddTerms(IReadOnlyList<StepRecord> trajectory, int index, int? codeStep, StepReward reward)
    {
        var context = new StepRewardTermContext
        {
            Trajectory = trajectory,
            Index = index,
            CodeStep = codeStep is { } code ? trajectory[code] : null,
        };
        var value = reward.Value;
        var reason = reward.Reason;
        foreach (var term in terms)
        {
            var termValue = term.Compute(context);
            if (!double.IsFinite(termValue))
            {
                throw new InvalidOperationException($"The reward term '{term.Name}' returned {termValue} for step {reward.Step}; terms must be finite.");
            }

            value += term.Weight * termValue;
            reason += string.Create(CultureInfo.InvariantCulture, $" + {term.Name} {term.Weight:0.###}×{termValue:0.###}");
        }

        // Terms such as an accessibility score must not lift a page that addressed its graders above its capped reward.
        if (PromptInjection.IsFlagged(trajectory[index].Node.Scores) && value > reward.Value)
        {
            return reward with { Reason = reason + string.Create(CultureInfo.InvariantCulture, $", kept at {reward.Value:0.###}: the page addresses its graders") };
        }

        return reward with { Value = value, Reason = reason };
    }
}
