namespace WebGen.Training;

/// <summary>
/// The Step-GRPO credit assignment: which code step a step's grades belong to, and which GUI grade a code step earned.
/// </summary>
/// <remarks>
/// <para>A code step rebuilds the site and earns its screenshot grade. A later <c>screenshot_validated</c> step tests
/// that same site with the GUI agent: its GUI grade is credited to the code step it validated, found by following
/// <see cref="StepNode.Parent"/> links back to the nearest <see cref="StepKind.Code"/> ancestor (so backtracking is
/// handled). When a code step was validated more than once, the latest validation in run order counts, as the site
/// did not change and the reference overwrote the grade. Validate and finish turns then inherit the code step's reward.</para>
/// </remarks>
public static class StepCredit
{
    /// <summary>
    /// Returns the index in <paramref name="trajectory"/> of the code step whose grades the step at <paramref name="index"/>
    /// is credited with: the step itself for a code step, the nearest code ancestor for validate and finish steps,
    /// and null for bad-format steps or when no code ancestor is in the trajectory.
    /// </summary>
    /// <param name="trajectory">The steps of one episode in run order.</param>
    /// <param name="index">The index of the step.</param>
    public static int? FindCodeStep(IReadOnlyList<StepRecord> trajectory, int index)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, trajectory.Count);
        return FindCodeSteps(trajectory)[index];
    }

    /// <summary>Returns, for every step, the index of its credited code step (see <see cref="FindCodeStep"/>).</summary>
    /// <param name="trajectory">The steps of one episode in run order.</param>
    /// <exception cref="ArgumentException">A step is null or two steps share a number.</exception>
    public static int?[] FindCodeSteps(IReadOnlyList<StepRecord> trajectory)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        var indexByStep = new Dictionary<int, int>(trajectory.Count);
        for (var i = 0; i < trajectory.Count; i++)
        {
            var node = trajectory[i]?.Node ?? throw new ArgumentException($"Step record {i} or its node is null.", nameof(trajectory));
            if (!indexByStep.TryAdd(node.Step, i))
            {
                throw new ArgumentException($"Step number {node.Step} occurs twice in the trajectory; step numbers must be unique.", nameof(trajectory));
            }
        }

        var result = new int?[trajectory.Count];
        for (var i = 0; i < trajectory.Count; i++)
        {
            var node = trajectory[i].Node;
            result[i] = node.Kind switch
            {
                StepKind.Code => i,
                StepKind.Validate or StepKind.Finish => NearestCodeAncestor(trajectory, indexByStep, node),
                _ => null,
            };
        }

        return result;
    }

    /// <summary>
    /// Returns, for every step, the GUI grade credited to it when it is a code step: the grade of the latest validate step
    /// credited to it, else the code node's own <see cref="StepNode.GuiGrade"/>; null for steps that are not code steps.
    /// Also returns the step number of the validation used.
    /// </summary>
    /// <param name="trajectory">The steps of one episode in run order.</param>
    /// <param name="codeSteps">The result of <see cref="FindCodeSteps"/> for <paramref name="trajectory"/>.</param>
    public static CreditedGuiGrade?[] CreditGuiGrades(IReadOnlyList<StepRecord> trajectory, IReadOnlyList<int?> codeSteps)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        ArgumentNullException.ThrowIfNull(codeSteps);
        if (codeSteps.Count != trajectory.Count)
        {
            throw new ArgumentException("Pass the code steps found for this trajectory.", nameof(codeSteps));
        }

        var result = new CreditedGuiGrade?[trajectory.Count];
        for (var i = 0; i < trajectory.Count; i++)
        {
            if (trajectory[i].Node.Kind == StepKind.Code)
            {
                result[i] = new CreditedGuiGrade { Grade = trajectory[i].Node.GuiGrade };
            }
        }

        for (var i = 0; i < trajectory.Count; i++)
        {
            var node = trajectory[i].Node;
            if (node.Kind == StepKind.Validate && codeSteps[i] is { } code)
            {
                result[code] = new CreditedGuiGrade { Grade = node.GuiGrade, ValidatedAtStep = node.Step };
            }
        }

        return result;
    }

    private static int? NearestCodeAncestor(IReadOnlyList<StepRecord> trajectory, Dictionary<int, int> indexByStep, StepNode node)
    {
        var parent = node.Parent;
        for (var hops = 0; parent is { } step && hops < trajectory.Count; hops++)
        {
            if (!indexByStep.TryGetValue(step, out var index))
            {
                return null;
            }

            var ancestor = trajectory[index].Node;
            if (ancestor.Kind == StepKind.Code)
            {
                return index;
            }

            parent = ancestor.Parent;
        }

        return null;
    }
}
