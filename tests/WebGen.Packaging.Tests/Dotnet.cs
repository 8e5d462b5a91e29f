using System.Diagnostics;
using System.Text;

namespace WebGen.Packaging.Tests;

/// <summary>Runs the dotnet CLI (or a program) as a child process with captured output and a hard time limit.</summary>
internal static class Dotnet
{
    public static Task<ProcessOutcome> RunAsync(string workingDirectory, TimeSpan timeout, params string[] args) =>
        RunProgramAsync("dotnet", workingDirectory, timeout, args);

    public static async Task<ProcessOutcome> RunProgramAsync(string program, string workingDirectory, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The test host runs under MSBuild-launched dotnet test; its MSBuild variables would point the child
        // build at the wrong SDK state. Build servers would outlive the test, so they are off.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["UseSharedCompilation"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        DataReceivedEventHandler append = (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }
            }
        };
        process.OutputDataReceived += append;
        process.ErrorDataReceived += append;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            Assert.Fail($"'{program} {string.Join(' ', args)}' did not finish within {timeout}; it was killed. Output so far:\n{output}");
        }

        // WaitForExitAsync returns after the output streams closed, so the text is complete here.
        var text = output.ToString();
        TestContext.Out.WriteLine($"$ {program} {string.Join(' ', args)}  (in {workingDirectory})\n{text}(exit {process.ExitCode})");
        return new ProcessOutcome(process.ExitCode, text);
    }
}
