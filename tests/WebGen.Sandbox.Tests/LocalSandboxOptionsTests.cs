using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace WebGen.Sandbox.Tests;

public sealed class LocalSandboxOptionsTests
{
    [Test]
    public void Defaults_are_valid_and_safe()
    {
        var options = new LocalSandboxOptions();

        Assert.That(new LocalSandboxOptionsValidator().Validate(null, options).Succeeded, Is.True);
        Assert.That(options.AllowInstallScripts, Is.False);
        Assert.That(options.AllowedShellCommands, Is.EquivalentTo(new[] { "npm", "npx", "node" }));
        Assert.That(options.EnvironmentAllowList, Has.None.Contains("KEY").And.None.Contains("TOKEN").And.None.Contains("SECRET"));
        Assert.That((options.MaxOutputLines, options.OutputHeadLines, options.OutputTailLines), Is.EqualTo((500, 50, 50)));
    }

    [Test]
    public void The_sandbox_copy_of_the_options_keeps_every_setting()
    {
        // The sandbox copies its options once (a caller's later edits must not reach running sessions); a property
        // left out of the copy silently falls back to its default, as LegacyPeerDependencies once did.
        var options = new LocalSandboxOptions();
        var changed = new List<string>();
        foreach (var property in typeof(LocalSandboxOptions).GetProperties().Where(p => p.CanWrite))
        {
            object? value = property.GetValue(options) switch
            {
                bool b => !b,
                int i => i + 7,
                TimeSpan t => t + TimeSpan.FromSeconds(3),
                string or null when property.PropertyType == typeof(string) => "/opt/changed",
                Enum e => Enum.GetValues(e.GetType()).Cast<object>().First(v => !v.Equals(e)),
                _ => null,
            };
            if (value is not null)
            {
                property.SetValue(options, value);
                changed.Add(property.Name);
            }
        }

        var copy = options.Clone();

        Assert.That(changed, Has.Count.GreaterThan(20), "the scalar settings were all changed");
        Assert.Multiple(() =>
        {
            foreach (var name in changed)
            {
                var property = typeof(LocalSandboxOptions).GetProperty(name)!;
                Assert.That(property.GetValue(copy), Is.EqualTo(property.GetValue(options)), name);
            }
        });
    }

    [Test]
    public void Invalid_options_fail_construction_with_messages_naming_each_option()
    {
        var options = new LocalSandboxOptions
        {
            PortRangeStart = 50000,
            PortRangeEnd = 40000,
            InstallTimeout = TimeSpan.Zero,
            OutputHeadLines = 400,
            OutputTailLines = 400,
            NpmCacheDirectory = "relative/cache",
            AllowedShellCommands = ["npm", "/bin/sh"],
            EnvironmentAllowList = ["PATH", "NOT A NAME"],
        };

        var exception = Assert.Throws<OptionsValidationException>(() => new LocalNodeSandbox(options));

        Assert.That(exception.Failures, Has.Some.Contains("PortRangeEnd"));
        Assert.That(exception.Failures, Has.Some.Contains("InstallTimeout"));
        Assert.That(exception.Failures, Has.Some.Contains("MaxOutputLines"));
        Assert.That(exception.Failures, Has.Some.Contains("NpmCacheDirectory"));
        Assert.That(exception.Failures, Has.Some.Contains("AllowedShellCommands").And.Some.Contains("/bin/sh"));
        Assert.That(exception.Failures, Has.Some.Contains("EnvironmentAllowList"));
    }

    [Test]
    public void Nested_limits_and_undefined_enum_values_are_named_with_their_path()
    {
        var options = new LocalSandboxOptions
        {
            Isolation = (SandboxIsolation)42,
            TemplateSeedMode = (TemplateSeedMode)42,
            Limits = new SandboxLimits { MaxProcesses = 1 },
        };

        var result = new LocalSandboxOptionsValidator().Validate(null, options);

        Assert.That(result.Failures, Has.Some.Contains("LocalSandboxOptions.Limits.MaxProcesses"));
        Assert.That(result.Failures, Has.Some.Contains("LocalSandboxOptions.Isolation"));
        Assert.That(result.Failures, Has.Some.Contains("LocalSandboxOptions.TemplateSeedMode"));
        Assert.That(result.Failures!.Count(), Is.EqualTo(3));
    }

    [Test]
    public void Registration_resolves_the_sandbox_as_ISandbox_with_configured_options()
    {
        using var provider = new ServiceCollection()
            .AddLocalNodeSandbox(o => { o.NpmCacheDirectory = SandboxFixture.NpmCache; o.KeepServerAlive = false; })
            .BuildServiceProvider();

        var sandbox = provider.GetRequiredService<ISandbox>();

        Assert.That(sandbox, Is.SameAs(provider.GetRequiredService<LocalNodeSandbox>()));
        Assert.That(((LocalNodeSandbox)sandbox).NpmCacheDirectory, Is.EqualTo(SandboxFixture.NpmCache));
        Assert.That(provider.GetRequiredService<IOptions<LocalSandboxOptions>>().Value.KeepServerAlive, Is.False);
    }

    [Test]
    public async Task Registration_validates_options_on_start()
    {
        using var provider = new ServiceCollection()
            .AddLocalNodeSandbox(o => o.PortRangeStart = 80)
            .BuildServiceProvider();

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(async () => await provider.GetRequiredService<IAsyncStartupValidator>().ValidateAsync(CancellationToken.None));

        Assert.That(exception.Message, Does.Contain("PortRangeStart"));
    }

    [Test]
    public async Task Opening_a_session_on_a_missing_or_relative_workspace_says_what_to_do()
    {
        using var sandbox = new LocalNodeSandbox(SandboxFixture.Options());

        var relative = await Assert.ThrowsAsync<ArgumentException>(async () => await sandbox.OpenSessionAsync(new SandboxSessionRequest { WorkspacePath = "site" }));
        var missing = await Assert.ThrowsAsync<ArgumentException>(async () => await sandbox.OpenSessionAsync(new SandboxSessionRequest { WorkspacePath = "/nonexistent/webgen/site" }));

        Assert.That(relative.Message, Does.Contain("absolute path"));
        Assert.That(missing.Message, Does.Contain("does not exist"));
    }
}
