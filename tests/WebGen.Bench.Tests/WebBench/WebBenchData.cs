using WebGen.Sandbox;

namespace WebGen.Bench.Tests.WebBench;

/// <summary>The Web-Bench projects copied into the repository (dom and svelte, Apache-2.0) and the parts the harness runs on.</summary>
internal static class WebBenchData
{
    public static string RepositoryPath => Path.Combine(AppContext.BaseDirectory, "WebBench", "Data", "web-bench");

    public static WebBenchRepository Open() => WebBenchRepository.Open(RepositoryPath);

    /// <summary>The real, isolated sandbox; a Next.js-sized start gets more time than a Vite one needs.</summary>
    public static LocalNodeSandbox Sandbox() => new(new LocalSandboxOptions { StartTimeout = TimeSpan.FromMinutes(3) });

    /// <summary>Every test shares the machine's runner cache, as a user's runs do: each project's runner is installed once.</summary>
    public static WebBenchOptions Options(bool retry = true) => new() { RetryFailedCases = retry, Workers = 2 };
}
