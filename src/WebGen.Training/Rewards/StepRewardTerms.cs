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
}
