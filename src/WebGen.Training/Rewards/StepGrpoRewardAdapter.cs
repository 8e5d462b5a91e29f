using System.Globalization;

namespace WebGen.Training;

/// <summary>
/// The reference Step-GRPO reward: a code step earns its screenshot grade plus the GUI grade its validation earned;
/// validate and finish turns inherit the reward of the code step they follow; a malformed step gets −1.
/// </summary>
/// <remarks>
/// <para>Per step, in run order (see <see cref="StepCredit"/> for the credit assignment):</para>
/// <list type="bullet">
/// <item><description>Malformed output (<see cref="MalformedOutputDetector"/>): <see cref="StepGrpoRewardOptions.MalformedReward"/>.</description></item>
/// <item><description>Code step: <c>ScreenshotGrade + credited GUI grade</c> (or one of them, per <see cref="StepGrpoRewardOptions.Components"/>).</description></item>
/// <item><description>Validate or finish step with a code ancestor: that code step's reward, with
/// <see cref="StepReward.InheritedFromStep"/> set, so group statistics count it once.</description></item>
/// <item><description>Validate or finish step without a code ancestor (nothing was built): its own node's grades.</description></item>
/// <item><description>A step whose site the prompt-injection pre-check flagged: at most
/// <see cref="StepGrpoRewardOptions.PromptInjectionRewardCap"/> (a page that addresses its graders earns no grade).</description></item>
/// </list>
/// <para>A malformed validate turn is penalised itself, but the GUI grade it earned is still credited to the code step,
/// as in the reference.</para>
/// </remarks>
public sealed class StepGrpoRewardAdapter : IStepRewardAdapter
{
    private readonly StepGrpoRewardOptions options;
    private readonly MalformedOutputDetector detector;

    /// <summary>Creates the adapter.</summary>
    /// <param name="options">The options; the reference reward when null.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public StepGrpoRewardAdapter(StepGrpoRewardOptions? options = null)
    {
        this.options = options ?? new StepGrpoRewardOptions();
        TrainingOptionsValidator.ThrowIfInvalid(this.options, nameof(options));
        detector = new MalformedOutputDetector(this.options.Malformed);
    }

    /// <summary>The reference reward: screenshot grade + GUI grade, −1 when malformed.</summary>
    public static StepGrpoRewardAdapter Reference { get; } = new();

    /// <summary>The screenshot-only variant.</summary>
    public static StepGrpoRewardAdapter ScreenshotOnly { get; } = new(new StepGrpoRewardOptions { Components = StepRewardComponents.ScreenshotOnly });

    /// <summary>The GUI-only variant.</summary>
    public static StepGrpoRewardAdapter GuiOnly { get; } = new(new StepGrpoRewardOptions { Components = StepRewardComponents.GuiOnly });

    /// <inheritdoc />
    public IReadOnlyList<StepReward> ComputeRewards(IReadOnlyList<StepRecord> trajectory)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        var codeSteps = StepCredit.FindCodeSteps(trajectory);
        var guiGrades = StepCredit.CreditGuiGrades(trajectory, codeSteps);
        var rewards = new StepReward[trajectory.Count];

        for (var i = 0; i < trajectory.Count; i++)
        {
            if (trajectory[i].Node.Kind == StepKind.Code)
            {
                rewards[i] = CodeReward(trajectory[i], guiGrades[i]!);
            }
        }

        for (var i = 0; i < trajectory.Count; i++)
        {
            rewards[i] ??= trajectory[i].Node.Kind == StepKind.BadFormat
                ? Malformed(trajectory[i], detector.Detect(trajectory[i]) ?? "no parsable action")
                : SignalReward(trajectory, i, codeSteps[i], rewards);
        }

        return rewards;
    }

    /// <inheritdoc />
    public override string ToString() => options.Components switch
    {
        StepRewardComponents.ScreenshotOnly => "step-grpo(screenshot)",
        StepRewardComponents.GuiOnly => "step-grpo(gui)",
        _ => "step-grpo(screenshot+gui)",
    };

    private StepReward CodeReward(StepRecord step, CreditedGuiGrade gui)
    {
        if (detector.Detect(step) is { } malformed)
        {
            return Malformed(step, malformed);
        }

        var node = step.Node;
        var source = gui.ValidatedAtStep is { } validated
            ? string.Create(CultureInfo.InvariantCulture, $"GUI {gui.Grade} (validated at step {validated})")
            : string.Create(CultureInfo.InvariantCulture, $"GUI {gui.Grade} (not validated)");
        var (value, reason) = options.Components switch
        {
            StepRewardComponents.ScreenshotOnly => ((double)node.ScreenshotGrade, string.Create(CultureInfo.InvariantCulture, $"screenshot {node.ScreenshotGrade}")),
            StepRewardComponents.GuiOnly => (gui.Grade, source),
            _ => (node.ScreenshotGrade + gui.Grade, string.Create(CultureInfo.InvariantCulture, $"screenshot {node.ScreenshotGrade} + {source}")),
        };
        return Capped(node, value, reason);
    }

    private StepReward Capped(StepNode node, double value, string reason) =>
        PromptInjection.IsFlagged(node.Scores) && value > options.PromptInjectionRewardCap
            ? new StepReward
            {
                Step = node.Step,
                Value = options.PromptInjectionRewardCap,
                Reason = string.Create(CultureInfo.InvariantCulture, $"{reason}, capped at {options.PromptInjectionRewardCap}: the page addresses its graders ({PromptInjection.ScoreName})"),
            }
            : new StepReward { Step = node.Step, Value = value, Reason = reason };

    private StepReward SignalReward(IReadOnlyList<StepRecord> trajectory, int index, int? codeStep, StepReward[] rewards)
    {
        var step = trajectory[index];
        if (detector.Detect(step) is { } malformed)
        {
            return Malformed(step, malformed);
        }

        var node = step.Node;
        if (codeStep is { } code)
        {
            var inherited = rewards[code];
            return new StepReward
            {
                Step = node.Step,
                Value = inherited.Value,
                InheritedFromStep = inherited.Step,
                Reason = string.Create(CultureInfo.InvariantCulture, $"inherits code step {inherited.Step}: {inherited.Reason}"),
            };
        }

        var (value, reason) = options.Components switch
        {
            StepRewardComponents.ScreenshotOnly => ((double)node.ScreenshotGrade, string.Create(CultureInfo.InvariantCulture, $"screenshot {node.ScreenshotGrade} (no code step before it)")),
            StepRewardComponents.GuiOnly => (node.GuiGrade, string.Create(CultureInfo.InvariantCulture, $"GUI {node.GuiGrade} (no code step before it)")),
            _ => (node.ScreenshotGrade + node.GuiGrade, string.Create(CultureInfo.InvariantCulture, $"screenshot {node.ScreenshotGrade} + GUI {node.GuiGrade} (no code step before it)")),
        };
        return Capped(node, value, reason);
    }

    private StepReward Malformed(StepRecord step, string why) => new()
    {
        Step = step.Node.Step,
        Value = options.MalformedReward,
        IsMalformed = true,
        Reason = "malformed: " + why,
    };
}
