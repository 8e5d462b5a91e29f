namespace WebGen.Training;

/// <summary>Ready-made <see cref="StepRewardTerm"/>s.</summary>
public static class StepRewardTerms
{
    /// <summary>
    /// A term reading the screenshot scorer score named <paramref name="scoreName"/> (0–1) from the credited code step's
    /// <see cref="StepNode.Scores"/> (for example an accessibility score); 0 when the step has no code step or no such score.
    /// </summary>
    /// <param name="scoreName">The <see cref="ScreenshotScore.Name"/> to read (compared ignoring case).</param>
    /// <param name="weight">The multiplier; the score is 0–1 while grades are 0–5, so weights above 1 are common.</param>
    public static StepRewardTerm FromScore(string scoreName, double weight = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scoreName);
        return new StepRewardTerm
        {
            Name = scoreName,
            Weight = weight,
            Compute = context =>
            {
                foreach (var score in context.CodeStep?.Node.Scores ?? [])
                {
                    if (string.Equals(score.Name, scoreName, StringComparison.OrdinalIgnoreCase))
                    {
                        return score.Value;
                    }
                }

                return 0;
            },
        };
    }

    /// <summary>
    /// A term reading the <see cref="StepCheck.Score"/> (0–1) of the check named <paramref name="checkName"/> that an
    /// added step stage ran on the credited code step (for example the project's unit tests); 0 when the step has no
    /// code step or the check did not run.
    /// </summary>
    /// <param name="checkName">The <see cref="StepCheck.Name"/> to read (compared ignoring case).</param>
    /// <param name="weight">The multiplier; the score is 0–1 while grades are 0–5, so weights above 1 are common.</param>
    public static StepRewardTerm FromCheck(string checkName, double weight = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(checkName);
        return new StepRewardTerm
        {
            Name = checkName,
            Weight = weight,
            Compute = context =>
            {
                foreach (var check in context.CodeStep?.Checks ?? [])
                {
                    if (string.Equals(check.Name, checkName, StringComparison.OrdinalIgnoreCase))
                    {
                        return check.Score;
                    }
                }

                return 0;
            },
        };
    }

    /// <summary>
    /// A verifiable term: the fraction of test cases that passed (0–1) on the credited code step's site, looked up by step
    /// number in <paramref name="outcomesByStep"/> (for example the Web-Bench specs through the task being implemented,
    /// run after each step); 0 when the step has no code step or no outcome was recorded for it.
    /// </summary>
    /// <param name="outcomesByStep">Test outcomes by <see cref="StepNode.Step"/>.</param>
    /// <param name="weight">The multiplier; the fraction is 0–1 while grades are 0–5, so 5 puts it on the grades' scale.</param>
    /// <param name="name">The term's name in reward reasons.</param>
    public static StepRewardTerm TestPassFraction(IReadOnlyDictionary<int, StepTestOutcome> outcomesByStep, double weight = 1, string name = "tests")
    {
        ArgumentNullException.ThrowIfNull(outcomesByStep);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new StepRewardTerm
        {
            Name = name,
            Weight = weight,
            Compute = context => context.CodeStep is { } code && outcomesByStep.TryGetValue(code.Node.Step, out var outcome) ? outcome.Fraction : 0,
        };
    }
}
