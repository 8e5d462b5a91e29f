using WebGen.Sandbox.Shell;

namespace WebGen.Sandbox.Tests.Shell;

public sealed class ShellPolicyTests
{
    private const string Workspace = "/srv/episodes/site";

    private static ShellPolicy Policy(params string[] extra) => new(["npm", "npx", "node", .. extra], allowInstallScripts: false, Workspace);

    [TestCase("npm install react-router-dom", "npm", "install react-router-dom")]
    [TestCase("npm i -D tailwindcss@4 @tailwindcss/vite", "npm", "i -D tailwindcss@4 @tailwindcss/vite")]
    [TestCase("npx --yes create-vite@latest app --template react", "npx", "--yes create-vite@latest app --template react")]
    [TestCase("node -e \"console.log('a b')\"", "node", "-e console.log('a b')")]
    [TestCase("npm run build", "npm", "run build")]
    [TestCase("npm install ./local-lib", "npm", "install ./local-lib")]
    public void Allowed_commands_become_argv_steps(string command, string program, string arguments)
    {
        var steps = Policy().Plan(command, out var refusal);

        Assert.That(refusal, Is.Null);
        Assert.That(steps, Has.Count.EqualTo(1));
        Assert.That(steps![0].Program, Is.EqualTo(program));
        Assert.That(string.Join(' ', steps[0].Arguments), Is.EqualTo(arguments));
        Assert.That(steps[0].WorkingDirectory, Is.EqualTo(Workspace));
    }

    [Test]
    public void Quotes_and_escapes_make_single_arguments()
    {
        var steps = Policy().Plan("node -e 'a && b' \"c; d\" e\\ f \"g \\\"h\\\"\"", out _);

        Assert.That(steps, Is.Not.Null);
        Assert.That(steps![0].Arguments, Is.EqualTo(new[] { "-e", "a && b", "c; d", "e f", "g \"h\"" }));
    }

    [Test]
    public void Single_quotes_keep_backticks_and_dollars_literal_because_nothing_expands_them()
    {
        var steps = Policy().Plan("node -e 'console.log(`${1 + 1}`)'", out var refusal);

        Assert.That(refusal, Is.Null);
        Assert.That(steps![0].Arguments, Is.EqualTo(new[] { "-e", "console.log(`${1 + 1}`)" }));
    }

    [Test]
    public void Chains_keep_their_connectors_and_cd_changes_the_directory()
    {
        var steps = Policy().Plan("cd app && npm install || npm ci; node x.js", out var refusal)!;

        Assert.That(refusal, Is.Null);
        Assert.That(steps.Select(s => s.Connector), Is.EqualTo(new[] { ShellConnector.First, ShellConnector.And, ShellConnector.Or, ShellConnector.Sequence }));
        Assert.That(steps[0].Program, Is.Null);
        Assert.That(steps.Skip(1).Select(s => s.WorkingDirectory), Has.All.EqualTo(Workspace + "/app"));
        Assert.That(steps[1].ChangesDependencies, Is.True);
        Assert.That(steps[3].ChangesDependencies, Is.False);
    }

    [TestCase("rm -rf /", "'rm' is not an allowed command")]
    [TestCase("mkdir -p src/components", "'mkdir' is not an allowed command")]
    [TestCase("npm install && curl http://127.0.0.1:9 | sh", "'curl' is not an allowed command")]
    [TestCase("npm install | node", "pipes")]
    [TestCase("npm install &", "background")]
    [TestCase("npm install > log.txt", "redirections")]
    [TestCase("(npm install)", "subshells")]
    [TestCase("npm install `whoami`", "backticks")]
    [TestCase("npm install \"`whoami`\"", "backticks")]
    [TestCase("npm install $(whoami)", "$(...)")]
    [TestCase("npm install \"$(whoami)\"", "$(...)")]
    [TestCase("npm install $HOME", "variables")]
    [TestCase("npm install \"${TOKEN}\"", "variables")]
    [TestCase("FOO=1 npm install", "environment assignments")]
    [TestCase("./node_modules/.bin/vite build", "not by path")]
    [TestCase("cd /tmp && npm install", "leaves the project")]
    [TestCase("cd ../.. && npm install", "leaves the project")]
    [TestCase("node /etc/passwd", "outside the project")]
    [TestCase("node ~/.ssh/id_rsa", "outside the project")]
    [TestCase("npx vite build --outDir=../../www", "outside the project")]
    [TestCase("npm install -g typescript", "no -g/--global")]
    [TestCase("npm --prefix=/usr install x", "outside the project")]
    [TestCase("npm config set registry http://127.0.0.1:9", "'npm config' is not allowed")]
    [TestCase("npm publish", "'npm publish' is not allowed")]
    [TestCase("npm cache clean --force", "'npm cache' is not allowed")]
    [TestCase("npm install --ignore-scripts=false", "lifecycle scripts")]
    [TestCase("npm install --no-ignore-scripts", "lifecycle scripts")]
    [TestCase("npm run dev", "starts the dev server itself")]
    [TestCase("npm run start", "starts the dev server itself")]
    [TestCase("npm start", "starts the dev server itself")]
    [TestCase("npx vite", "starts the dev server itself")]
    [TestCase("npx vite --port 3000 --host", "starts the dev server itself")]
    [TestCase("node node_modules/vite/bin/vite.js preview", "starts the dev server itself")]
    [TestCase("npm install &&", "ends with an operator")]
    [TestCase("&& npm install", "missing")]
    [TestCase("npm install 'unterminated", "not closed")]
    [TestCase("   ", "empty")]
    public void Dangerous_or_unsupported_commands_are_refused_with_a_reason(string command, string reason)
    {
        var steps = Policy().Plan(command, out var refusal);

        Assert.That(steps, Is.Null);
        Assert.That(refusal, Does.Contain(reason));
    }

    [Test]
    public void Vite_build_from_a_shell_action_is_allowed()
    {
        Assert.That(Policy().Plan("npx vite build", out _), Is.Not.Null);
        Assert.That(Policy().Plan("npm run build", out _), Is.Not.Null);
    }

    [Test]
    public void Allow_listed_rm_still_may_not_remove_the_workspace_or_anything_outside()
    {
        var policy = Policy("rm");

        Assert.That(policy.Plan("rm -rf dist", out _), Is.Not.Null);
        Assert.That(policy.Plan("rm -rf .", out var dot), Is.Null);
        Assert.That(dot, Does.Contain("whole project"));
        Assert.That(policy.Plan("rm -rf *", out _), Is.Null);
        Assert.That(policy.Plan("rm -rf /", out var root), Is.Null);
        Assert.That(root, Does.Contain("outside the project"));
    }

    [Test]
    public void Scripts_can_be_reenabled_only_when_the_sandbox_allows_them()
    {
        var permissive = new ShellPolicy(["npm"], allowInstallScripts: true, Workspace);

        Assert.That(permissive.Plan("npm install --ignore-scripts=false", out _), Is.Not.Null);
    }
}
