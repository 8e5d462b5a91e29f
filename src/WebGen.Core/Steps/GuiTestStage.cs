namespace WebGen;

/// <summary>
/// Validate steps whose site is running: the GUI tester uses the site as the GUI-test instruction says. A site whose page
/// the prompt-injection pre-check flagged is not tested (its GUI grade stays 0): the agent and the summary would read the
/// same text that addresses them.
/// </summary>
public sealed class GuiTestStage : IStepStage
{
    /// <inheritdoc />
    public async ValueTask InvokeAsync(StepContext context, StepStageHandler continuation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        if (context.Kind == StepKind.Validate && context.Sandbox is { IsRunning: true } sandbox)
        {
            using var stage = StageTelemetry.Start(context, "gui_test");
            var gui = PromptInjection.IsFlagged(context.Parent?.Scores)
                ? new GuiTestResult
                {
                    Verdict = GuiVerdict.Unknown,
                    Failure = $"the site was not tested because its page addresses its graders (step {context.Parent!.Step}, {PromptInjection.ScoreName}); remove that text first.",
                }
                : await context.Components.GuiTester.TestAsync(
                    new GuiTestRequest { Url = sandbox.Url!, TestInstruction = context.GuiTestInstruction, UserInstruction = context.Instruction, SessionId = context.RunId },
                    cancellationToken).ConfigureAwait(false);
            context.GuiTest = gui;
            if (gui.Usage is not null)
            {
                context.Usage.Add(gui.Usage);
            }

            if (gui.Failure is not null)
            {
                context.Errors.Add("the GUI test could not be completed: " + gui.Failure);
                stage.Fail(gui.Failure);
            }
            else
            {
                context.GuiGrade = Math.Clamp(gui.Grade, 0, 5);
                stage.Activity?.SetTag("webgen.grade.gui", context.GuiGrade);
                stage.Activity?.SetTag("webgen.gui.verdict", gui.Verdict.ToString());
                context.Metrics.Grades.Record(context.GuiGrade, new KeyValuePair<string, object?>("webgen.grade.kind", "gui"));
            }

            await context.EmitAsync(new GuiTestEvent { RunId = context.RunId, Result = gui }).ConfigureAwait(false);
        }

        await continuation(context, cancellationToken).ConfigureAwait(false);
    }
}
