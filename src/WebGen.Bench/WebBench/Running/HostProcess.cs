using System.Diagnostics;
using System.Text;

namespace WebGen.Bench;

/// <summary>
/// Runs one of the harness's own host processes (npm installing a test runner, Playwright's test command), never
/// model-written code: in a new session and process group (<c>setsid</c>), with exactly the environment given, a
/// wall-clock limit, capped output, and the whole process tree killed on time-out or cancellation.
/// </summary>
internal static class HostProcess
{
    private const int MaxOutputCharacters = 200_000;

    public static async Task<HostProcessResult> RunAsync(string program, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string> environment, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(File.Exists("/usr/bin/setsid") ? "/usr/bin/setsid" : program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = workingDirectory,
        };
        if (start.FileName != program)
        {
            start.ArgumentList.Add(program);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Clear();
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var output = new StringBuilder();
        void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                if (output.Length > MaxOutputCharacters)
                {
                    output.Remove(0, output.Length - (MaxOutputCharacters / 2));
                }

                output.AppendLine(line);
            }
        }

        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        var started = Stopwatch.GetTimestamp();
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return new HostProcessResult { ExitCode = null, Output = $"Could not start '{program}': {ex.Message}", Duration = TimeSpan.Zero };
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            timedOut = true;
        }

        // Nothing the command left behind in its group outlives it.
        Kill(process);
        string text;
        lock (output)
        {
            text = output.ToString();
        }

        return new HostProcessResult { ExitCode = timedOut ? null : process.ExitCode, TimedOut = timedOut, Output = text, Duration = Stopwatch.GetElapsedTime(started) };
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }
}
