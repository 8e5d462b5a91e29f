using Microsoft.Extensions.Logging;
using WebGen.Sandbox.Processes;

namespace WebGen.Sandbox.Sessions;

/// <summary>What every session of one <see cref="LocalNodeSandbox"/> shares.</summary>
internal sealed class SandboxContext
{
    public SandboxContext(LocalSandboxOptions options, string npmCacheDirectory, TimeProvider time, ILoggerFactory loggerFactory, HttpClient http)
    {
        Options = options;
        NpmCacheDirectory = npmCacheDirectory;
        Time = time;
        LoggerFactory = loggerFactory;
        Http = http;
        Environment = ChildEnvironment.Build(options, npmCacheDirectory);
    }

    public LocalSandboxOptions Options { get; }

    public string NpmCacheDirectory { get; }

    public TimeProvider Time { get; }

    public ILoggerFactory LoggerFactory { get; }

    public HttpClient Http { get; }

    /// <summary>The scrubbed environment of every child.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary><c>npm install</c> with the sandbox's flags, in <paramref name="directory"/>.</summary>
    public ChildStartInfo InstallInfo(string directory)
    {
        var arguments = new List<string> { "install", "--no-audit", "--no-fund" };
        if (!Options.AllowInstallScripts)
        {
            arguments.Add("--ignore-scripts");
        }

        if (Options.PreferOfflineInstall)
        {
            arguments.Add("--prefer-offline");
        }

        return new ChildStartInfo { Program = "npm", Arguments = arguments, WorkingDirectory = directory, Environment = Environment };
    }
}
