using WebGen.Sandbox.Install;

namespace WebGen.Sandbox.Tests.Install;

public sealed class DependencySpecTests
{
    [TestCase("~7.0.3", false, TestName = "A tilde range is a version, not the home folder")]
    [TestCase("~1", false)]
    [TestCase("^1.2.3", false)]
    [TestCase("latest", false)]
    [TestCase("npm:react@~18.2.0", false)]
    [TestCase("https://registry.npmjs.org/a/-/a-1.0.0.tgz", false)]
    [TestCase("./vendor/lib", false)]
    [TestCase("file:vendor/lib", false)]
    [TestCase("~/lib", true, TestName = "A path in the home folder points at the host")]
    [TestCase("file:~/lib", true)]
    [TestCase("../outside", true)]
    [TestCase("file:../outside", true)]
    [TestCase("/etc", true)]
    [TestCase("link:./vendor", true)]
    [TestCase("npm:x@file:../y", true)]
    [TestCase("../lib.tgz", true)]
    public void Specs_are_told_apart_as_npm_reads_them(string spec, bool pointsAtHost)
    {
        var project = SandboxFixture.NewWorkspace("spec");

        Assert.That(DependencySpec.PointsAtHost(spec, project), Is.EqualTo(pointsAtHost));
    }
}
