using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace WebGen.Bench;

/// <summary>
/// Reads Playwright's JSON reporter output: suites (one per spec file, nested <c>describe</c> blocks) holding specs whose
/// tests carry results (status, duration, errors, attachments), and the run's top-level errors (a spec that could not be
/// loaded, with its location).
/// </summary>
internal static partial class PlaywrightJsonReport
{
    private const int MaxErrorCharacters = 4000;

    /// <summary>One case as reported, with the absolute paths of its screenshots.</summary>
    public sealed record class ReportedCase(WebBenchCaseResult Result, IReadOnlyList<string> ScreenshotPaths);

    public sealed record class Parsed(IReadOnlyList<ReportedCase> Cases, IReadOnlyList<(string? Spec, string Message)> Errors);

    /// <summary>Parses a report; <paramref name="specOf"/> maps a reported file name to the project's spec path and task (null for files that are not specs of the project).</summary>
    public static Parsed Parse(string json, Func<string, (string Spec, int Task)?> specOf)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var cases = new List<ReportedCase>();
        if (root.TryGetProperty("suites", out var suites))
        {
            foreach (var suite in suites.EnumerateArray())
            {
                var file = Str(suite, "file") ?? Str(suite, "title") ?? "";
                if (specOf(file) is { } spec)
                {
                    Walk(suite, [], spec.Spec, spec.Task, cases);
                }
            }
        }

        var errors = new List<(string?, string)>();
        if (root.TryGetProperty("errors", out var list))
        {
            foreach (var error in list.EnumerateArray())
            {
                string? spec = null;
                if (error.TryGetProperty("location", out var location) && Str(location, "file") is { } file && specOf(file) is { } found)
                {
                    spec = found.Spec;
                }

                errors.Add((spec, Clean(Str(error, "message") ?? Str(error, "stack") ?? error.ToString())));
            }
        }

        return new Parsed(cases, errors);
    }

    /// <summary>Removes terminal colour codes and caps the length.</summary>
    public static string Clean(string text)
    {
        var clean = Ansi().Replace(text, "").Trim();
        return clean.Length <= MaxErrorCharacters ? clean : clean[..MaxErrorCharacters] + "\n…";
    }

    private static void Walk(JsonElement suite, List<string> titles, string spec, int task, List<ReportedCase> cases)
    {
        if (suite.TryGetProperty("specs", out var specs))
        {
            foreach (var item in specs.EnumerateArray())
            {
                var title = string.Join(" › ", [.. titles, Str(item, "title") ?? ""]);
                var line = item.TryGetProperty("line", out var l) && l.TryGetInt32(out var n) ? n : 0;
                if (!item.TryGetProperty("tests", out var tests))
                {
                    continue;
                }

                foreach (var test in tests.EnumerateArray())
                {
                    cases.Add(Case(test, spec, task, line, title));
                }
            }
        }

        if (suite.TryGetProperty("suites", out var children))
        {
            foreach (var child in children.EnumerateArray())
            {
                Walk(child, [.. titles, Str(child, "title") ?? ""], spec, task, cases);
            }
        }
    }

    private static ReportedCase Case(JsonElement test, string spec, int task, int line, string title)
    {
        var status = WebBenchCaseStatus.NotRun;
        var duration = TimeSpan.Zero;
        string? error = null;
        var shots = new List<string>();
        if (test.TryGetProperty("results", out var results) && results.GetArrayLength() > 0)
        {
            var last = results[results.GetArrayLength() - 1];
            status = Str(last, "status") switch
            {
                "passed" => WebBenchCaseStatus.Passed,
                "failed" => WebBenchCaseStatus.Failed,
                "timedOut" => WebBenchCaseStatus.TimedOut,
                "skipped" => WebBenchCaseStatus.Skipped,
                "interrupted" => WebBenchCaseStatus.Interrupted,
                _ => WebBenchCaseStatus.NotRun,
            };
            if (last.TryGetProperty("duration", out var d) && d.TryGetDouble(out var ms))
            {
                duration = TimeSpan.FromMilliseconds(ms);
            }

            if (last.TryGetProperty("errors", out var errors) && errors.GetArrayLength() > 0)
            {
                error = Clean(string.Join("\n\n", errors.EnumerateArray().Select(e => Str(e, "message") ?? Str(e, "stack") ?? "").Where(m => m.Length > 0)));
            }

            if (last.TryGetProperty("attachments", out var attachments))
            {
                shots.AddRange(attachments.EnumerateArray()
                    .Where(a => Str(a, "contentType") == "image/png" && Str(a, "path") is not null)
                    .Select(a => Str(a, "path")!));
            }
        }
        else if (Str(test, "status") == "skipped")
        {
            status = WebBenchCaseStatus.Skipped;
        }

        if (status == WebBenchCaseStatus.Passed)
        {
            error = null;
        }
        else if (status == WebBenchCaseStatus.TimedOut && error is null)
        {
            error = "The case exceeded its timeout.";
        }

        var result = new WebBenchCaseResult { Task = task, File = spec, Line = line, Title = title, Status = status, Duration = duration, Error = error };
        return new ReportedCase(result, shots);
    }

    private static string? Str(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [GeneratedRegex(@"\x1b\[[0-9;]*[A-Za-z]")]
    private static partial Regex Ansi();

    /// <summary>The key that identifies a case across runs.</summary>
    public static string Key(WebBenchCaseResult result) => string.Create(CultureInfo.InvariantCulture, $"{result.File}:{result.Line}:{result.Title}");
}
