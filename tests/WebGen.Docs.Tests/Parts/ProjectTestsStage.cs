using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace WebGen.Docs.Tests;

// begin-snippet: custom-stage
/// <summary>
/// Runs the project's own unit tests (<c>npm test</c>) in the sandbox on every code step of a project that has a
/// test script: failing tests reach the model's feedback, make the step erroneous and cost reward.
/// </summary>
public sealed partial class ProjectTestsStage : IStepStage
{
    /// <summary>The check's name in <see cref="StepRecord.Checks"/>, feedback, reports and reward terms.</summary>
    public const string Name = "unit-tests";

    public async ValueTask InvokeAsync(StepContext context, StepStageHandler continuation, CancellationToken cancellationToken)
    {
        if (context.Kind == StepKind.Code && HasTestScript(context.WorkspacePath))
        {
            var started = context.TimeProvider.GetTimestamp();
            var run = await context.Session.RunShellAsync("npm test", cancellationToken);
            var passed = Count(PassLine(), run.Output);
            var failed = Count(FailLine(), run.Output);
            await context.AddCheckAsync(new StepCheck
            {
                Name = Name,
                Passed = run.Succeeded,
                Score = passed + failed > 0 ? (double)passed / (passed + failed) : run.Succeeded ? 1 : 0,
                Summary = run.Succeeded ? $"{passed} tests passed." : run.Allowed ? $"{failed} of {passed + failed} tests failed." : run.RefusalReason ?? "npm test was refused.",
                Details = run.Output,
                Duration = context.TimeProvider.GetElapsedTime(started),
            });
        }

        await continuation(context, cancellationToken); // the stages after this one, then the feedback
    }

    private static bool HasTestScript(string workspace)
    {
        try
        {
            using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(workspace, "package.json")));
            return manifest.RootElement.TryGetProperty("scripts", out var scripts) && scripts.ValueKind == JsonValueKind.Object && scripts.TryGetProperty("test", out _);
        }
        catch (Exception ex) when (ex is IOException or JsonException)
        {
            return false; // no package.json, or one the sandbox already reports as invalid
        }
    }

    private static int Count(Regex line, string output) => line.Match(output) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"^# pass (\d+)", RegexOptions.Multiline)]   // node --test's summary
    private static partial Regex PassLine();

    [GeneratedRegex(@"^# fail (\d+)", RegexOptions.Multiline)]
    private static partial Regex FailLine();
}
// end-snippet
