namespace WebGen.Samples.Tests;

/// <summary>What the sample tests share: captured output and configuration that forces the offline demo.</summary>
internal static class Samples
{
    /// <summary>Configuration that runs offline whatever the machine's WEBGEN_* variables say, with runs under <paramref name="runs"/>.</summary>
    public static Dictionary<string, string?> Offline(string runs) => new()
    {
        ["WebGen:Models:Code:Endpoint"] = "",
        ["WebGen:Agent:RunsDirectory"] = runs,
    };

    public static async Task<SampleOutcome> RunAsync(Func<TextWriter, TextWriter, Task<int>> run, string name)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await run(TextWriter.Synchronized(stdout), TextWriter.Synchronized(stderr));
        TestContext.Out.WriteLine($"$ {name}\n{stdout}\n{stderr}\n(exit {code})");
        return new SampleOutcome(code, stdout.ToString(), stderr.ToString());
    }
}

internal sealed record SampleOutcome(int ExitCode, string Out, string Error);
