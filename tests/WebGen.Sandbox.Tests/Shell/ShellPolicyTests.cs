using WebGen.Sandbox.Shell;

namespace WebGen.Sandbox.Tests.Shell;

public sealed class ShellPolicyTests
{
    private static readonly string Workspace = CreateProject();

    [OneTimeTearDown]
    public static void DeleteWorkspace() => Directory.Delete(Path.GetDirectoryName(Workspace)!, recursive: true);

    // Plans look at the project (package.json, npm configuration files), so the workspace is a real one.
    private static string CreateProject()
    {
        var workspace = Path.Combine(Path.GetTempPath(), $"webgen-shell-policy-{Guid.NewGuid():N}", "site");
        Directory.CreateDirectory(Path.Combine(workspace, "app"));
        File.WriteAllText(Path.Combine(workspace, "package.json"), "{ \"dependencies\": { \"react\": \"^19.0.0\" } }");
        return workspace;
    }

    private static ShellPolicy Policy(params string[] extra) => new(["npm", "npx", "node", .. extra], allowInstallScripts: false, Workspace);

    [TestCase("npm install react-router-dom", "npm", "install react-router-dom")]
    [TestCase("npm i -D tailwindcss@4 @tailwindcss/vite", "npm", "i -D tailwindcss@4 @tailwindcss/vite")]
    [TestCase("npx --yes create-vite@latest app --template react", "npx", "--yes create-vite@latest app --template react")]
    [TestCase("node -e \"console.log('a b')\"", "node", "-e console.log('a b')")]
    [TestCase("npm run build", "npm", "run build")]
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
    [TestCase("npm install -g typescript", "npm may only act on this project")]
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

    // Every spelling npm's option parser turns into ignore-scripts=false (checked against npm 11's own parser), and the
    // other ways of handing npm a setting.
    [TestCase("npm install --no-ignore-scripts")]
    [TestCase("npm install --no-ignore-script")]
    [TestCase("npm i --no-ignore")]
    [TestCase("npm i --no-ig")]
    [TestCase("npm i --no-i")]
    [TestCase("npm i ---no-ignore-scripts")]
    [TestCase("npm i -no-ignore-scripts")]
    [TestCase("npm i -no-ig")]
    [TestCase("npm i -ignore-scripts=false")]
    [TestCase("npm i -ig=false")]
    [TestCase("npm i --ignore-scripts=false")]
    [TestCase("npm i --ignore-script=false")]
    [TestCase("npm i --ignore-scri=false")]
    [TestCase("npm i --ignore=false")]
    [TestCase("npm i --ig=false")]
    [TestCase("npm i --ignore-scripts false")]
    [TestCase("npm i --ig false")]
    [TestCase("npm i --ignore-scripts=0")]
    [TestCase("npm i --ignore-scripts=no")]
    [TestCase("npm i --ignore-scripts=")]
    [TestCase("npm i --no-ignore-scripts=true")]
    [TestCase("npm i --no-ig=1")]
    [TestCase("npm i --IGNORE-SCRIPTS=false")]
    [TestCase("npm i --ignore_scripts=false")]
    [TestCase("npm i --ignore-scripts --no-ignore-scripts")]
    [TestCase("npm ci --dangerously-allow-all-scripts")]
    [TestCase("npm i --allow-scripts=esbuild")]
    [TestCase("npm rebuild --no-ig")]
    [TestCase("npx --no-ignore-scripts create-vite app")]
    [TestCase("node node_modules/npm/bin/npm-cli.js install --no-ignore-scripts")]
    public void Lifecycle_scripts_cannot_be_switched_back_on_by_any_spelling(string command)
    {
        var steps = Policy().Plan(command, out var refusal);

        Assert.That(steps, Is.Null);
        Assert.That(refusal, Does.Contain("lifecycle scripts"));
    }

    [TestCase("npm_config_ignore_scripts=false npm install", "environment assignments")]
    [TestCase("NPM_CONFIG_IGNORE_SCRIPTS=false npm install", "environment assignments")]
    [TestCase("npm install npm_config_ignore_scripts=false", "npm settings cannot be changed")]
    [TestCase("npm install NPM_CONFIG_GIT=/bin/sh", "npm settings cannot be changed")]
    [TestCase("npm install --prefi=sub react", "npm may only act on this project")]
    [TestCase("npm install --glob typescript", "npm may only act on this project")]
    [TestCase("npm install ---global typescript", "npm may only act on this project")]
    [TestCase("npm install -gD typescript", "npm may only act on this project")]
    [TestCase("npm install -C app react", "npm may only act on this project")]
    [TestCase("npm install -L user react", "npm may only act on this project")]
    [TestCase("npm install --location=global typescript", "npm may only act on this project")]
    [TestCase("npm install --loc=user typescript", "npm may only act on this project")]
    [TestCase("npm install --cach=cache react", "npm may only act on this project")]
    [TestCase("npm install --userc=app/rc react", "npm may only act on this project")]
    [TestCase("npm install --globalconfig=app/rc react", "npm may only act on this project")]
    public void Npm_settings_and_locations_cannot_be_changed_by_any_spelling(string command, string reason)
    {
        var steps = Policy().Plan(command, out var refusal);

        Assert.That(steps, Is.Null);
        Assert.That(refusal, Does.Contain(reason));
    }

    [TestCase("npm install --ignore-scripts")]
    [TestCase("npm install --ignore-scripts=true")]
    [TestCase("npm install --ignore-scripts true")]
    [TestCase("npm install --foreground-scripts")]
    [TestCase("npm install --no-global react")]
    [TestCase("npm install --location=project react")]
    [TestCase("npm install --include=dev --install-links")]
    [TestCase("npm install -D -E vite@8")]
    [TestCase("npx eslint --ignore-pattern dist .")]
    [TestCase("npm ls --all")]
    public void Harmless_options_that_look_alike_are_allowed(string command)
    {
        var steps = Policy().Plan(command, out var refusal);

        Assert.That(refusal, Is.Null);
        Assert.That(steps, Is.Not.Null);
    }

    [TestCase("npm install file:../outside")]
    [TestCase("npm install evil@file:/etc")]
    [TestCase("npm install link:../x")]
    [TestCase("npm install portal:../x")]
    [TestCase("npm install git+file:///srv/repo.git")]
    [TestCase("npm install vendor/../lib.tgz")]
    [TestCase("npm install file:app/../x")]
    [TestCase("npm install x@~/lib")]
    [TestCase("npm install @scope/evil@file:../x")]
    [TestCase("npm install evil@npm:other@file:../x")]
    [TestCase("npm update evil@link:../x")]
    [TestCase("npx file:../tool")]
    [TestCase("npx -p link:../x tool")]
    [TestCase("npm exec --package=file:../x -- tool")]
    public void Dependencies_from_this_machines_files_are_refused(string command)
    {
        var steps = Policy().Plan(command, out var refusal);

        Assert.That(steps, Is.Null);
        Assert.That(refusal, Does.Contain("must come from the npm registry or from a folder inside the project"));
    }

    [TestCase("npm install react@^19 github:user/repo https://example.org/pkg.tgz")]
    [TestCase("npm install ./local-lib file:./vendor/lib vendor/lib.tgz")]
    [TestCase("npx vite build ./src")]
    [TestCase("npm exec vite -- build ./src")]
    public void Registry_git_url_and_in_project_dependencies_and_program_arguments_are_allowed(string command)
    {
        Assert.That(Policy().Plan(command, out var refusal), Is.Not.Null, refusal);
    }

    [TestCase("{ \"dependencies\": { \"evil\": \"file:../../outside\" } }", "\"dependencies\" → \"evil\"")]
    [TestCase("{ \"devDependencies\": { \"evil\": \"/home/user/lib\" } }", "\"devDependencies\" → \"evil\"")]
    [TestCase("{ \"optionalDependencies\": { \"evil\": \"link:../x\" } }", "\"optionalDependencies\"")]
    [TestCase("{ \"dependencies\": { \"evil\": \"npm:lodash@file:../x\" } }", "\"dependencies\"")]
    [TestCase("{ \"overrides\": { \"react\": { \"scheduler\": \"file:../x\" } } }", "\"overrides → react → scheduler\"")]
    [TestCase("{ \"workspaces\": [\"../../*\"] }", "\"workspaces\"")]
    public void Npm_install_is_refused_when_package_json_points_at_this_machine(string packageJson, string where)
    {
        var workspace = Path.Combine(Path.GetDirectoryName(Workspace)!, "host-deps-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(workspace);
        File.WriteAllText(Path.Combine(workspace, "package.json"), packageJson);
        var policy = new ShellPolicy(["npm"], allowInstallScripts: false, workspace);

        var steps = policy.Plan("npm install", out var refusal);

        Assert.That(steps, Is.Null);
        Assert.That(refusal, Does.Contain(where).And.Contain("must come from the npm registry"));
        Assert.That(policy.Plan("npm run build", out _), Is.Not.Null, "commands that install nothing are not affected");
    }

    [Test]
    public void A_folder_inside_the_project_that_is_a_link_outside_is_refused()
    {
        var workspace = Path.Combine(Path.GetDirectoryName(Workspace)!, "vendor-link-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(workspace, "vendor"));
        Directory.CreateSymbolicLink(Path.Combine(workspace, "vendor", "lib"), Path.GetTempPath());
        File.WriteAllText(Path.Combine(workspace, "package.json"), "{ \"dependencies\": { \"lib\": \"file:./vendor/lib\" } }");
        var policy = new ShellPolicy(["npm"], allowInstallScripts: false, workspace);

        Assert.That(policy.Plan("npm install ./vendor/lib", out var argument), Is.Null);
        Assert.That(argument, Does.Contain("symbolic link"));
        Assert.That(policy.Plan("npm install", out var manifest), Is.Null);
        Assert.That(manifest, Does.Contain("\"file:./vendor/lib\""));
    }

    [Test]
    public void Npm_install_is_refused_when_the_lockfile_links_outside_the_project()
    {
        var workspace = Path.Combine(Path.GetDirectoryName(Workspace)!, "host-lock-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(workspace);
        File.WriteAllText(Path.Combine(workspace, "package.json"), "{ \"dependencies\": { \"lib\": \"^1.0.0\" } }");
        File.WriteAllText(Path.Combine(workspace, "package-lock.json"), "{ \"lockfileVersion\": 3, \"packages\": { \"\": {}, \"node_modules/lib\": { \"resolved\": \"../../lib\", \"link\": true }, \"../../lib\": { \"version\": \"1.0.0\" } } }");

        var steps = new ShellPolicy(["npm"], allowInstallScripts: false, workspace).Plan("npm ci", out var refusal);

        Assert.That(steps, Is.Null);
        Assert.That(refusal, Does.Contain("package-lock.json refers to files on this machine outside the project").And.Contain("rmSync('package-lock.json')"));
    }

    [TestCase(".npmrc", "", "npm install")]
    [TestCase(".npmrc", "app", "cd app && npm run build")]
    [TestCase(".npmrc", "", "npx vite build")]
    [TestCase(".yarnrc.yml", "", "npm install")]
    public void Npm_does_not_run_while_a_configuration_file_is_in_the_project(string file, string folder, string command)
    {
        var workspace = Path.Combine(Path.GetDirectoryName(Workspace)!, "rc-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(workspace, "app"));
        File.WriteAllText(Path.Combine(workspace, "package.json"), "{}");
        File.WriteAllText(Path.Combine(workspace, "app", "package.json"), "{}");
        File.WriteAllText(Path.Combine(workspace, folder, file), "ignore-scripts=false\n");

        var steps = new ShellPolicy(["npm", "npx"], allowInstallScripts: false, workspace).Plan(command, out var refusal);

        Assert.That(steps, Is.Null);
        Assert.That(refusal, Does.Contain($"{file} file").And.Contain("configuration files are not allowed"));
    }

    [Test]
    public void Without_a_package_json_npm_may_not_walk_up_to_a_folder_outside_the_project()
    {
        // npm acts on the nearest folder above with a package.json: here, one outside the workspace.
        var parent = Path.Combine(Path.GetDirectoryName(Workspace)!, "parent-" + Guid.NewGuid().ToString("N")[..8]);
        var workspace = Path.Combine(parent, "ws");
        Directory.CreateDirectory(workspace);
        File.WriteAllText(Path.Combine(parent, "package.json"), "{}");
        var policy = new ShellPolicy(["npm", "npx"], allowInstallScripts: false, workspace);

        Assert.That(policy.Plan("npm install react", out var install), Is.Null);
        Assert.That(install, Does.Contain("no package.json in the project"));
        Assert.That(policy.Plan("npm pkg set name=x", out _), Is.Null);
        Assert.That(policy.Plan("npm init -y && npm install react", out var initialised), Is.Not.Null, initialised);
        Assert.That(policy.Plan("npm --version", out var version), Is.Not.Null, version);
    }
}
