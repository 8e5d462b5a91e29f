using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace WebGen.Packaging.Tests;

public sealed partial class InstallTests
{
    private const string Instruction = "A landing page for a bakery with a menu and an order form. Use a cream background and brown buttons.";

    private static PackResult Feed => PackageFeed.Current;

    [Test]
    public async Task Packed_libraries_install_from_a_local_feed_into_a_new_console_app_that_generates_a_site_offline()
    {
        Assert.That(Feed.Pack.ExitCode, Is.Zero, "the pack failed; see the first test's output");
        var repository = Feed.Repository;
        var app = Feed.NewFolder("consumer");
        var packages = Path.Combine(app, ".packages");
        var machinePackages = await MachineGlobalPackagesFolderAsync();

        // Stop MSBuild's search for Directory.Build.* and Directory.Packages.props above the scratch folder.
        File.WriteAllText(Path.Combine(app, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(app, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(app, "Directory.Packages.props"), "<Project />");

        // The local feed is added beside the machine's configured sources (no <clear/>); WebGen packages land in a
        // private packages folder so a stale copy cached by an earlier run can never stand in for the fresh one,
        // while everything else is read from the machine's packages folder.
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{packages}" />
              </config>
              <packageSources>
                <add key="webgen-local" value="{Feed.Feed}" />
              </packageSources>
              <fallbackPackageFolders>
                <add key="machine" value="{machinePackages}" />
              </fallbackPackageFolders>
            </configuration>
            """);
        var template = Path.Combine(AppContext.BaseDirectory, "Consumer");
        File.WriteAllText(Path.Combine(app, "Consumer.csproj"), File.ReadAllText(Path.Combine(template, "Consumer.csproj.template"))
            .Replace("@WebGenVersion@", repository.Version, StringComparison.Ordinal)
            .Replace("@HostingVersion@", repository.PinnedVersions["Microsoft.Extensions.Hosting"], StringComparison.Ordinal));
        File.Copy(Path.Combine(template, "Program.cs"), Path.Combine(app, "Program.cs"));

        var build = await Dotnet.RunAsync(app, TimeSpan.FromMinutes(15), "build", "--disable-build-servers", "-nologo", "-tl:off", "-clp:NoSummary");
        Assert.That(build.ExitCode, Is.Zero, build.Output);

        foreach (var id in new[] { "WebGen.Abstractions", "WebGen.Core", "WebGen.Sandbox", "WebGen.Playwright", "WebGen.OfflineDemo" })
        {
            Assert.That(RestoredHash(packages, id, repository.Version), Is.EqualTo(Sha512(Feed.PackagePath(id))), $"{id} was restored from the freshly packed feed");
        }

        var runDirectory = Path.Combine(app, "run");
        var run = await Dotnet.RunAsync(app, TimeSpan.FromMinutes(15), "run", "--no-build", "--", Instruction, runDirectory);

        Assert.That(run.ExitCode, Is.Zero, run.Output);
        Assert.That(run.Output, Does.Contain("stop: Finished"));
        var chosen = ChosenLine().Match(run.Output);
        Assert.That(chosen.Success, Is.True, "the app prints the chosen step");
        Assert.That(int.Parse(chosen.Groups["grade"].Value, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThanOrEqualTo(3), chosen.Value);
        Assert.That(chosen.Groups["error"].Value, Is.EqualTo("False"), chosen.Value);
        var site = SiteLine().Match(run.Output).Groups["path"].Value.Trim();
        Assert.That(Path.Combine(site, "package.json"), Does.Exist, "the chosen site's files are in the workspace");
        Assert.That(Path.Combine(runDirectory, "result.json"), Does.Exist, "the run was checkpointed");
    }

    [Test]
    public async Task Webgen_tool_installs_from_the_local_feed_and_runs()
    {
        Assert.That(Feed.Pack.ExitCode, Is.Zero, "the pack failed; see the first test's output");
        var tools = Feed.NewFolder("tools");

        var install = await Dotnet.RunAsync(Feed.Scratch, TimeSpan.FromMinutes(10),
            "tool", "install", "--tool-path", tools, "--add-source", Feed.Feed, "WebGen.Cli", "--prerelease");
        Assert.That(install.ExitCode, Is.Zero, install.Output);

        var webgen = Path.Combine(tools, "webgen");
        var help = await Dotnet.RunProgramAsync(webgen, Feed.Scratch, TimeSpan.FromMinutes(2), "--help");
        Assert.That(help.ExitCode, Is.Zero, help.Output);
        Assert.That(help.Output, Does.Contain("generate").And.Contain("bench").And.Contain("resume"));

        var version = await Dotnet.RunProgramAsync(webgen, Feed.Scratch, TimeSpan.FromMinutes(2), "--version");
        Assert.That(version.ExitCode, Is.Zero, version.Output);
        Assert.That(version.Output, Does.StartWith(Feed.Repository.Version));
    }

    private static async Task<string> MachineGlobalPackagesFolderAsync()
    {
        var locals = await Dotnet.RunAsync(Feed.Scratch, TimeSpan.FromMinutes(2), "nuget", "locals", "global-packages", "--list");
        Assert.That(locals.ExitCode, Is.Zero, locals.Output);
        var match = GlobalPackagesLine().Match(locals.Output);
        Assert.That(match.Success, Is.True, locals.Output);
        return match.Groups["path"].Value.Trim();
    }

    private static string RestoredHash(string packagesFolder, string id, string version)
    {
        var lower = id.ToLowerInvariant();
        var file = Path.Combine(packagesFolder, lower, version, $"{lower}.{version}.nupkg.sha512");
        Assert.That(file, Does.Exist, $"{id} {version} was not restored into the app's own packages folder");
        return File.ReadAllText(file).Trim();
    }

    private static string Sha512(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToBase64String(SHA512.HashData(stream));
    }

    [GeneratedRegex(@"chosen: step \d+ \(\w+\), screenshot grade (?<grade>\d+), error (?<error>\w+)")]
    private static partial Regex ChosenLine();

    [GeneratedRegex(@"^site: (?<path>.+)$", RegexOptions.Multiline)]
    private static partial Regex SiteLine();

    [GeneratedRegex(@"global-packages: (?<path>.+)$", RegexOptions.Multiline)]
    private static partial Regex GlobalPackagesLine();
}
