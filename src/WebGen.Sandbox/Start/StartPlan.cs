using System.Globalization;
using WebGen.Sandbox.Install;
using WebGen.Sandbox.Processes;
using WebGen.Sandbox.Shell;

namespace WebGen.Sandbox.Start;

/// <summary>
/// How to start a site, chosen like the reference (<c>dev</c>, else <c>start</c>, else <c>serve</c> after
/// <c>build</c>). A script that is plain <c>vite</c> runs as <c>node node_modules/vite/bin/vite.js</c> bound to
/// 127.0.0.1 on the sandbox's port with <c>--strictPort</c> (no npm and sh in between: faster, and one
/// process to watch); any other script runs as <c>npm run &lt;script&gt;</c> with <c>PORT</c> and <c>HOST</c> set.
/// </summary>
internal sealed class StartPlan
{
    private const string ViteEntry = "node_modules/vite/bin/vite.js";

    private static readonly HashSet<string> ViteSubcommands = new(StringComparer.Ordinal) { "dev", "serve", "preview" };

    private readonly IReadOnlyList<string>? _viteArguments;

    private StartPlan(string script, string scriptCommand, string? buildScript, IReadOnlyList<string>? viteArguments)
    {
        Script = script;
        ScriptCommand = scriptCommand;
        BuildScript = buildScript;
        _viteArguments = viteArguments;
    }

    public string Script { get; }

    public string ScriptCommand { get; }

    /// <summary>The script to run to completion first (<c>build</c> before <c>serve</c>), if any.</summary>
    public string? BuildScript { get; }

    /// <summary>A key that changes whenever the command that would run changes.</summary>
    public string Key => $"{Script}\n{ScriptCommand}\n{BuildScript}\n{_viteArguments is not null}";

    public static StartPlan? Choose(ProjectManifest manifest, string workspace, out string? problem)
    {
        string script;
        string? build = null;
        if (manifest.Scripts.ContainsKey("dev"))
        {
            script = "dev";
        }
        else if (manifest.Scripts.ContainsKey("start"))
        {
            script = "start";
        }
        else if (manifest.Scripts.ContainsKey("serve"))
        {
            script = "serve";
            build = manifest.Scripts.ContainsKey("build") ? "build" : null;
        }
        else
        {
            problem = "package.json has no \"dev\", \"start\" or \"serve\" script, so the site cannot be started. Add for example \"scripts\": { \"dev\": \"vite\" }.";
            return null;
        }

        var command = manifest.Scripts[script];
        problem = null;
        return new StartPlan(script, command, build, File.Exists(Path.Combine(workspace, ViteEntry)) ? ViteArguments(command) : null);
    }

    public ChildStartInfo BuildInfo(string workspace, IReadOnlyDictionary<string, string> environment) => new()
    {
        Program = "npm",
        Arguments = ["run", BuildScript!],
        WorkingDirectory = workspace,
        Environment = environment,
    };

    public ChildStartInfo ServerInfo(string workspace, IReadOnlyDictionary<string, string> environment, int port)
    {
        var portText = port.ToString(CultureInfo.InvariantCulture);
        var serverEnvironment = new Dictionary<string, string>(environment, StringComparer.Ordinal)
        {
            ["PORT"] = portText,
            ["HOST"] = "127.0.0.1",
        };
        if (_viteArguments is null)
        {
            return new ChildStartInfo { Program = "npm", Arguments = ["run", Script], WorkingDirectory = workspace, Environment = serverEnvironment };
        }

        return new ChildStartInfo
        {
            Program = "node",
            Arguments = [ViteEntry, .. _viteArguments, "--host", "127.0.0.1", "--port", portText, "--strictPort"],
            WorkingDirectory = workspace,
            Environment = serverEnvironment,
        };
    }

    /// <summary>
    /// The arguments to keep when the script is a plain <c>vite [dev|serve|preview] [options]</c>; null when it is
    /// anything else (a chain, another tool, a wrapper), which then runs through npm.
    /// </summary>
    private static List<string>? ViteArguments(string command)
    {
        var segments = ShellLexer.TryParse(command, out _);
        if (segments is not [{ Words: ["vite", ..] words }])
        {
            return null;
        }

        var kept = new List<string>();
        for (var i = 1; i < words.Count; i++)
        {
            var word = words[i];
            var hasValue = i + 1 < words.Count && !words[i + 1].StartsWith('-') && !ViteSubcommands.Contains(words[i + 1]);
            switch (word)
            {
                // The sandbox decides where the server listens, and nothing opens a browser.
                case "--port" or "-p" or "--host" when hasValue:
                    i++;
                    break;
                case "--open" or "-o" when hasValue && words[i + 1].StartsWith('/'):
                    i++;
                    break;
                case "--port" or "-p" or "--host" or "--strictPort" or "--open" or "-o":
                    break;
                default:
                    if (!word.StartsWith("--port=", StringComparison.Ordinal) && !word.StartsWith("--host=", StringComparison.Ordinal)
                        && !word.StartsWith("--open=", StringComparison.Ordinal) && !word.StartsWith("--strictPort=", StringComparison.Ordinal))
                    {
                        kept.Add(word);
                    }

                    break;
            }
        }

        return kept;
    }
}
