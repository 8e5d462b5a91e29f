namespace WebGen.Training;

/// <summary>What a <see cref="StepRewardTerm"/> sees: the step, its credited code step and the whole trajectory.</summary>
public sealed record class StepRewardTermContext
{
    /// <summary>The steps of the episode in run order.</summary>
    public required IReadOnlyList<StepRecord> Trajectory { get; init; }

    /// <summary>The index of the step in <see cref="Trajectory"/>.</summary>
    public required int Index { get; init; }

    /// <summary>The step.</summary>
    public StepRecord Step => Trajectory[Index];

    /// <summary>The code step whose site this step's grades describe (see <see cref="StepCredit"/>); null when there is none.</summary>
    public StepRecord? CodeStep { get; init; }
}
