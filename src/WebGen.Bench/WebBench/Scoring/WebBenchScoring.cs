using System.Globalization;

namespace WebGen.Bench;

/// <summary>The arithmetic of Web-Bench's metrics (see <see cref="WebBenchScore"/>).</summary>
public static class WebBenchScoring
{
    /// <summary>
    /// Scores a project's attempts. The attempts follow the protocol: task 1, 2, … in order; a failed first attempt is
    /// followed by a second; a failed second attempt ends the evaluation. Tasks after the end count as not passed.
    /// </summary>
    /// <param name="tasks">The project's number of tasks.</param>
    /// <param name="attempts">The attempts made, in any order.</param>
    /// <param name="casesPassed">Cases passed (reported beside the metrics).</param>
    /// <param name="cases">Cases counted.</param>
    /// <exception cref="ArgumentException">The attempts break the protocol (a task after the end, a retry of a passed task, a task skipped).</exception>
    public static WebBenchScore Score(int tasks, IEnumerable<WebBenchAttemptOutcome> attempts, int casesPassed = 0, int cases = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tasks);
        ArgumentNullException.ThrowIfNull(attempts);
        var byTask = new Dictionary<(int Task, int Attempt), bool>();
        foreach (var attempt in attempts)
        {
            if (attempt.Task < 1 || attempt.Task > tasks || attempt.Attempt is not (1 or 2))
            {
                throw new ArgumentException($"Attempt {attempt.Attempt} of task {attempt.Task} is outside the protocol (tasks 1 … {tasks}, attempts 1 and 2).", nameof(attempts));
            }

            if (!byTask.TryAdd((attempt.Task, attempt.Attempt), attempt.Passed))
            {
                throw new ArgumentException($"Attempt {attempt.Attempt} of task {attempt.Task} is listed twice.", nameof(attempts));
            }
        }

        int passTasks1 = 0, passTasks2 = 0, errors1 = 0;
        var firstFailureSeen = false;
        var ended = false;
        var lastTask = 0;
        for (var task = 1; task <= tasks && !ended; task++)
        {
            if (!byTask.TryGetValue((task, 1), out var first))
            {
                ended = true;
                break;
            }

            lastTask = task;
            if (first)
            {
                passTasks2++;
                if (!firstFailureSeen)
                {
                    passTasks1++;
                }

                if (byTask.ContainsKey((task, 2)))
                {
                    throw new ArgumentException($"Task {task} passed on its first attempt but has a second one.", nameof(attempts));
                }

                continue;
            }

            errors1++;
            firstFailureSeen = true;
            if (byTask.TryGetValue((task, 2), out var second) && second)
            {
                passTasks2++;
            }
            else
            {
                ended = true; // the retry failed (or was never made): the evaluation is done
            }
        }

        if (byTask.Keys.FirstOrDefault(k => k.Task > lastTask) is { Task: > 0 } late)
        {
            throw new ArgumentException($"Task {late.Task} has an attempt although the evaluation ended at task {lastTask}.", nameof(attempts));
        }

        return new WebBenchScore
        {
            Tasks = tasks,
            HasAttempts = true,
            PassTasks1 = passTasks1,
            PassTasks2 = passTasks2,
            Errors1 = errors1,
            CasesPassed = casesPassed,
            Cases = cases,
        };
    }

    /// <summary>Adds up projects' scores: the overall rates are the summed counts over the summed tasks, as the benchmark reports them.</summary>
    /// <param name="scores">The projects' scores.</param>
    public static WebBenchScore Sum(IEnumerable<WebBenchScore> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var list = scores.ToList();
        return new WebBenchScore
        {
            Tasks = list.Sum(s => s.Tasks),
            HasAttempts = list.Count > 0 && list.All(s => s.HasAttempts),
            PassTasks1 = list.Sum(s => s.PassTasks1),
            PassTasks2 = list.Sum(s => s.PassTasks2),
            Errors1 = list.Sum(s => s.Errors1),
            TasksFullyPassing = list.Sum(s => s.TasksFullyPassing),
            CasesPassed = list.Sum(s => s.CasesPassed),
            Cases = list.Sum(s => s.Cases),
        };
    }

    /// <summary><c>cases passed: N% (P of T)</c>, with N to one decimal.</summary>
    /// <param name="passed">Cases passed.</param>
    /// <param name="total">Cases counted.</param>
    public static string ClosingLine(int passed, int total)
        => string.Create(CultureInfo.InvariantCulture, $"cases passed: {(total == 0 ? 0 : 100.0 * passed / total):0.0}% ({passed} of {total})");
}
