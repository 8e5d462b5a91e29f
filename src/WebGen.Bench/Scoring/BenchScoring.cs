namespace WebGen.Bench;

/// <summary>
/// The benchmark's arithmetic: outcomes per case, accuracy over all cases, category tables, mean appearance; and for
/// smoke-checked evaluations the smoke check's pass rate instead of any accuracy.
/// </summary>
internal static class BenchScoring
{
    /// <summary>Task categories in the order of the paper's table.</summary>
    public static readonly IReadOnlyList<string> TaskCategoryOrder = ["Content Presentation", "User Interaction", "Data Management"];

    /// <summary>Test-case categories in the order of the paper's table.</summary>
    public static readonly IReadOnlyList<string> CaseCategoryOrder = ["Functional Testing", "Data Display Testing", "Design Validation Testing"];

    /// <summary>
    /// The outcome of a finished case. An agent-judged case is YES, PARTIAL or NO by its verdict. A smoke-checked case
    /// is never a verdict: the smoke tester answers YES only when nothing raised an error, so that is a smoke pass.
    /// </summary>
    /// <param name="result">The case.</param>
    /// <param name="mode">How agent verdicts are read.</param>
    /// <param name="verdict">The agent's verdict; null for a smoke-checked case.</param>
    public static BenchCaseOutcome Outcome(BenchCaseResult result, BenchVerdictMode mode, out GuiVerdict? verdict)
    {
        if (result.Judgement == BenchCaseJudgement.Smoke)
        {
            verdict = null;
            return BenchVerdictParser.Parse(result, BenchVerdictMode.Exact) == GuiVerdict.Yes ? BenchCaseOutcome.SmokePassed : BenchCaseOutcome.SmokeFailed;
        }

        var read = BenchVerdictParser.Parse(result, mode);
        verdict = read;
        return read switch
        {
            GuiVerdict.Yes => BenchCaseOutcome.Yes,
            GuiVerdict.Partial => BenchCaseOutcome.Partial,
            _ => BenchCaseOutcome.No,
        };
    }

    public static BenchSummary Summarize(BenchResults results, IReadOnlyList<BenchTask> tasks, BenchVerdictMode mode, BenchCaseJudgement judgement, string name, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(tasks);

        // Records decide as much as the caller: one smoke-checked case is enough for the summary to claim no accuracy.
        var smoke = judgement == BenchCaseJudgement.Smoke || tasks.Any(t => results.GetCases(t.Id).Any(c => c.Judgement == BenchCaseJudgement.Smoke));
        var taskScores = new List<BenchTaskScore>();
        var byTaskCategory = new Dictionary<string, Counter>(StringComparer.Ordinal);
        var byCaseCategory = new Dictionary<string, Counter>(StringComparer.Ordinal);
        var total = new Counter(smoke);
        var unreadable = 0;
        var appearanceSum = 0;
        var appearanceRecords = 0;
        var appearanceGraded = 0;
        foreach (var task in tasks)
        {
            var site = results.GetSite(task.Id);
            var cases = results.GetCases(task.Id).ToDictionary(c => c.CaseIndex);
            var startFailed = site?.StartFailed == true;
            var outcomes = new List<BenchCaseOutcome>();
            var taskCounter = new Counter(smoke);
            foreach (var testCase in task.Cases)
            {
                BenchCaseOutcome outcome;
                if (startFailed)
                {
                    outcome = BenchCaseOutcome.StartFailed;
                }
                else if (cases.TryGetValue(testCase.Index, out var result))
                {
                    outcome = Outcome(result, mode, out var verdict);
                    unreadable += verdict == GuiVerdict.Unknown ? 1 : 0;
                }
                else
                {
                    outcome = BenchCaseOutcome.Pending;
                }

                outcomes.Add(outcome);
                taskCounter.Add(outcome);
                total.Add(outcome);
                Bucket(byTaskCategory, task.Category.PrimaryCategory, smoke).Add(outcome);
                Bucket(byCaseCategory, testCase.Category.PrimaryCategory, smoke).Add(outcome);
            }

            int? appearance = startFailed ? 0 : results.GetAppearance(task.Id)?.Grade;
            if (appearance is { } grade)
            {
                appearanceSum += grade;
                appearanceGraded++;
                appearanceRecords += startFailed ? 0 : 1;
            }

            taskScores.Add(new BenchTaskScore
            {
                TaskId = task.Id,
                Category = task.Category.PrimaryCategory,
                Outcomes = outcomes,
                StartFailed = startFailed,
                IsComplete = site is not null,
                Accuracy = taskCounter.Accuracy,
                SmokePassRate = taskCounter.SmokePassRate,
                Appearance = appearance,
                Failures = results.GetFailures(task.Id),
            });
        }

        return new BenchSummary
        {
            Name = name,
            Judgement = smoke ? BenchCaseJudgement.Smoke : BenchCaseJudgement.Agent,
            VerdictMode = mode,
            Tasks = tasks.Count,
            Cases = total.Cases,
            Yes = total.Yes,
            Partial = total.Partial,
            No = total.No,
            StartFailed = total.StartFailed,
            Pending = total.Pending,
            Unreadable = unreadable,
            SmokePassed = total.SmokePassed,
            SmokeFailed = total.SmokeFailed,
            Accuracy = total.Accuracy,
            YesRate = smoke ? null : Percent(total.Yes, total.Cases),
            PartialRate = smoke ? null : Percent(total.Partial, total.Cases),
            NoRate = smoke ? null : Percent(total.No, total.Cases),
            SmokePassRate = total.SmokePassRate,
            StartFailedRate = Percent(total.StartFailed, total.Cases),
            StartFailedSites = taskScores.Count(t => t.StartFailed),
            CompletedSites = taskScores.Count(t => t.IsComplete),
            Appearance = appearanceRecords == 0 || tasks.Count == 0 ? null : (double)appearanceSum / tasks.Count,
            AppearanceGraded = appearanceGraded,
            ByTaskCategory = Order(byTaskCategory, TaskCategoryOrder),
            ByCaseCategory = Order(byCaseCategory, CaseCategoryOrder),
            TaskScores = taskScores,
            IsComplete = total.Pending == 0 && taskScores.All(t => t.IsComplete),
            CreatedAt = now,
        };
    }

    private static double Percent(int part, int whole) => whole == 0 ? 0 : 100.0 * part / whole;

    private static Counter Bucket(Dictionary<string, Counter> buckets, string key, bool smoke)
    {
        if (!buckets.TryGetValue(key, out var counter))
        {
            counter = new Counter(smoke);
            buckets[key] = counter;
        }

        return counter;
    }

    private static List<BenchCategoryScore> Order(Dictionary<string, Counter> buckets, IReadOnlyList<string> known)
    {
        var names = known.Where(buckets.ContainsKey).Concat(buckets.Keys.Where(k => !known.Contains(k)).Order(StringComparer.Ordinal));
        return [.. names.Select(n => buckets[n].ToScore(n))];
    }

    /// <summary>Counts outcomes; <paramref name="smoke"/> says which score the counts make, accuracy or smoke pass rate, never both.</summary>
    private sealed class Counter(bool smoke)
    {
        public int Cases { get; private set; }

        public int Yes { get; private set; }

        public int Partial { get; private set; }

        public int No { get; private set; }

        public int StartFailed { get; private set; }

        public int Pending { get; private set; }

        public int SmokePassed { get; private set; }

        public int SmokeFailed { get; private set; }

        // Reference arithmetic: YES + 0.5·PARTIAL over every case, start-failed and pending included.
        public double? Accuracy => smoke ? null : Cases == 0 ? 0 : 100.0 * (Yes + 0.5 * Partial) / Cases;

        public double? SmokePassRate => smoke ? Percent(SmokePassed, Cases) : null;

        public void Add(BenchCaseOutcome outcome)
        {
            Cases++;
            switch (outcome)
            {
                case BenchCaseOutcome.Yes:
                    Yes++;
                    break;
                case BenchCaseOutcome.Partial:
                    Partial++;
                    break;
                case BenchCaseOutcome.No:
                    No++;
                    break;
                case BenchCaseOutcome.StartFailed:
                    StartFailed++;
                    break;
                case BenchCaseOutcome.SmokePassed:
                    SmokePassed++;
                    break;
                case BenchCaseOutcome.SmokeFailed:
                    SmokeFailed++;
                    break;
                default:
                    Pending++;
                    break;
            }
        }

        public BenchCategoryScore ToScore(string category) => new()
        {
            Category = category,
            Cases = Cases,
            Yes = Yes,
            Partial = Partial,
            No = No,
            StartFailed = StartFailed,
            Pending = Pending,
            SmokePassed = SmokePassed,
            SmokeFailed = SmokeFailed,
            Accuracy = Accuracy,
            SmokePassRate = SmokePassRate,
        };
    }
}
