namespace WebGen.Core.Tests.Agent.FixAfterError;

/// <summary>Checks a finished run against its case: every step's feedback reflects that step's files.</summary>
internal static class FixAfterErrorChecks
{
    public static void Verify(FixAfterErrorCase scenario, IReadOnlyList<StepRecord> steps, string workspace)
    {
        var codeSteps = steps.Where(s => s.Node.Kind == StepKind.Code).ToList();
        Assert.That(codeSteps, Has.Count.EqualTo(scenario.Steps.Count), () => Describe(steps));
        Assert.That(steps[^1].Node.Kind, Is.EqualTo(StepKind.Finish), () => Describe(steps));
        for (var i = 0; i < scenario.Steps.Count; i++)
        {
            var expected = scenario.Steps[i];
            var record = codeSteps[i];
            var what = $"{scenario.Name}, step {record.Node.Step}: {Describe(record)}";
            Assert.That(record.Exception, Is.Null, what);
            if (expected.Marker is { } marker)
            {
                Assert.That(record.Sandbox!.IsRunning, Is.True, what);
                Assert.That(record.Capture, Is.Not.Null, what);
                Assert.That(record.Capture!.ErrorOverlayText, Is.Null, what);
                Assert.That(record.Capture.PageErrors, Is.Empty, what);
                Assert.That(record.Capture.VisibleText, Does.Contain(marker), what);
                Assert.That(record.Node.ScreenshotGrade, Is.EqualTo(4), what + " (the judge saw the step's text)");
                Assert.That(record.Node.HasError, Is.False, what);
            }
            else if (expected.StartFailure is { } startFailure)
            {
                Assert.That(record.Sandbox!.Failure, Is.EqualTo(SandboxFailureKind.StartFailed), what);
                Assert.That(record.Sandbox.FailureExcerpt, Does.Contain(startFailure), what);
                Assert.That(record.Node.HasError, Is.True, what);
                Assert.That(record.Feedback, Does.Contain(startFailure), what + " (the model is told)");
            }
            else if (expected.PageFailure is { } pageFailure)
            {
                Assert.That(record.Sandbox!.IsRunning, Is.True, what);
                Assert.That(string.Join("\n", record.Capture!.PageErrors) + record.Capture.ErrorOverlayText, Does.Contain(pageFailure), what);
                Assert.That(record.Node.HasError, Is.True, what);
                Assert.That(record.Feedback, Does.Contain(pageFailure), what + " (the model is told)");
            }

            expected.Also?.Invoke(record, workspace);
            if (expected.Validate)
            {
                var validate = steps[record.Node.Step];
                Assert.That(validate.Node.Kind, Is.EqualTo(StepKind.Validate), what);
                Assert.That(validate.GuiTest!.Verdict, Is.EqualTo(GuiVerdict.Yes), $"{scenario.Name}: the GUI test saw the fixed site ({validate.GuiTest.Failure})");
                Assert.That(validate.Node.GuiGrade, Is.EqualTo(5), scenario.Name);
            }
        }
    }

    /// <summary>Where a step's time went, for the test log.</summary>
    public static string Timings(StepRecord s) =>
        $"{s.Node.Kind} step {s.Node.Step}: {s.Duration.TotalSeconds:0.00} s; install {s.Sandbox?.Install.Status} {s.Sandbox?.Install.Duration.TotalSeconds:0.00} s; start {s.Sandbox?.Start.Status} {s.Sandbox?.Start.Duration.TotalSeconds:0.00} s ({s.Sandbox?.Start.Detail}); capture {s.Capture?.Duration.TotalSeconds:0.00} s";

    private static string Describe(IReadOnlyList<StepRecord> steps) => string.Join("\n", steps.Select(Describe));

    private static string Describe(StepRecord s) =>
        $"{s.Node.Kind} step {s.Node.Step}: errors [{string.Join("; ", s.Node.Errors)}], sandbox {s.Sandbox?.Failure} ({s.Sandbox?.Start.Detail}), overlay [{s.Capture?.ErrorOverlayText}], page errors [{string.Join("; ", s.Capture?.PageErrors ?? [])}], text [{s.Capture?.VisibleText}], exception {s.Exception}";
}
