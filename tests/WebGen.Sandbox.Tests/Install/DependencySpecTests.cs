using WebGen.Sandbox.Install;

namespace WebGen.Sandbox.Tests.Install;

/// <summary>Which package.json specs point npm at this machine's files: paths outside the project do, version ranges never.</summary>
public sealed class DependencySpecTests
{
    [TestCase("~4.2.1", false)]
    [TestCase("~7.0.3", false)]
    [TestCase("^1.2.3", false)]
    [TestCase("npm:less@~4.2.1", false)]
    [TestCase("./vendor/lib", false)]
    [TestCase("~/lib", true)]
    [TestCase("file:~/lib", true)]
    [TestCase("file:../outside", true)]
    [TestCase("/etc", true)]
    [TestCase("link:../x", true)]
    public void A_tilde_range_is_a_version_and_a_home_path_is_the_host(string spec, bool pointsAtHost)
    {
        var project = SandboxFixture.NewWorkspace("spec");

        Assert.That(DependencySpec.PointsAtHost(spec, project), Is.EqualTo(pointsAtHost));
    }
}
