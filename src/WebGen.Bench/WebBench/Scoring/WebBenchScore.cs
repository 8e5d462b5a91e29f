namespace WebGen.Bench;

/// <summary>
/// Web-Bench's metrics for one project or a sum of projects, as the benchmark's <c>projects/readme.md</c> defines them:
/// <c>pass@1 = pass_tasks@1 / tasks</c> (tasks passed on the first attempt before any first-attempt failure),
/// <c>pass@2 = pass_tasks@2 / tasks</c> (tasks passed, retries included, until a retry fails and evaluation ends),
/// <c>error@1 = errors@1 / tasks</c> (first attempts that failed). Plus the test cases behind them.
/// </summary>
public sealed record class WebBenchScore
{
    /// <summary>Tasks of the project(s) (<c>tasks</c>, the denominator of every rate).</summary>
    public int Tasks { get; init; }

    /// <summary>True when the metrics come from the attempt protocol; false for one evaluation of a final solution, where pass@k does not apply.</summary>
    public bool HasAttempts { get; init; }

    /// <summary><c>pass_tasks@1</c>: tasks passed on the first attempt before any first-attempt failure.</summary>
    public int PassTasks1 { get; init; }

    /// <summary><c>pass_tasks@2</c>: tasks passed, retries included, before evaluation ended.</summary>
    public int PassTasks2 { get; init; }

    /// <summary><c>errors@1</c>: first attempts that failed.</summary>
    public int Errors1 { get; init; }

    /// <summary>Tasks whose own spec's cases all passed (in one evaluation of a final solution).</summary>
    public int TasksFullyPassing { get; init; }

    /// <summary>Test cases that passed.</summary>
    public int CasesPassed { get; init; }

    /// <summary>Test cases counted (every case of every task's spec, run or not).</summary>
    public int Cases { get; init; }

    /// <summary><c>pass@1</c> in percent.</summary>
    public double Pass1 => Percent(PassTasks1, Tasks);

    /// <summary><c>pass@2</c> in percent.</summary>
    public double Pass2 => Percent(PassTasks2, Tasks);

    /// <summary><c>error@1</c> in percent.</summary>
    public double Error1 => Percent(Errors1, Tasks);

    /// <summary>Cases passed in percent of <see cref="Cases"/>.</summary>
    public double CasePassRate => Percent(CasesPassed, Cases);

    /// <summary>The closing line of every run: <c>cases passed: N% (P of T)</c>.</summary>
    public string ClosingLine => WebBenchScoring.ClosingLine(CasesPassed, Cases);

    private static double Percent(int part, int whole) => whole == 0 ? 0 : 100.0 * part / whole;
}
