namespace WebGen.Sandbox.Tests;

/// <summary>
/// One warm npm cache and one node_modules template for the whole suite: the first install (the template's)
/// fills the cache from the registry, every later install reads it. All workspaces live under one temp root.
/// </summary>
[SetUpFixture]
public sealed class SandboxFixture
{
    public static string Root { get; private set; } = "";

    public static string NpmCache { get; private set; } = "";

    public static string TemplatePath { get; private set; } = "";

    [OneTimeSetUp]
    public async Task PrepareAsync()
    {
        Root = Path.Combine(Path.GetTempPath(), $"webgen-sandbox-tests-{Guid.NewGuid():N}");
        NpmCache = Path.Combine(Root, "npm-cache");
        TemplatePath = Path.Combine(Root, "template");
        Directory.CreateDirectory(Root);

        await using var sandbox = new LocalNodeSandbox(Options());
        var prepared = await sandbox.PrepareTemplateAsync(TestSites.ReactViteDependencies);
        if (prepared.Status != SandboxStageStatus.Succeeded)
        {
            throw new InvalidOperationException($"Could not prepare the node_modules template (npm and the registry are needed):\n{prepared.Output}");
        }
    }

    [OneTimeTearDown]
    public void CleanUp()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover file must not fail the run; the temp directory is cleaned by the machine.
        }
    }

    /// <summary>Options for tests: the suite's cache and template, generous time limits for a busy machine.</summary>
    public static LocalSandboxOptions Options(Action<LocalSandboxOptions>? configure = null, bool template = true)
    {
        var options = new LocalSandboxOptions
        {
            NpmCacheDirectory = NpmCache,
            NodeModulesTemplatePath = template ? TemplatePath : null,
            InstallTimeout = TimeSpan.FromMinutes(4),
            StartTimeout = TimeSpan.FromSeconds(90),
        };
        configure?.Invoke(options);
        return options;
    }

    public static string NewWorkspace(string name)
    {
        var path = Path.Combine(Root, $"{name}-{Guid.NewGuid():N}"[..Math.Min(name.Length + 9, 60)]);
        Directory.CreateDirectory(path);
        return path;
    }

    public static SandboxSessionRequest Request(string workspace) => new() { WorkspacePath = workspace, EpisodeId = Path.GetFileName(workspace) };
}
