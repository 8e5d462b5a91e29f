namespace WebGen.Sandbox.Shell;

/// <summary>
/// Decides whether a <c>shell</c> action may run and turns it into argv steps. Only allow-listed programs
/// run, by name, without a shell; arguments may not name paths outside the workspace; npm may not act
/// globally, publish, log in or switch lifecycle scripts back on; commands that start a dev server are
/// refused because the sandbox runs the server itself. Reasons are phrased for the model.
/// </summary>
internal sealed class ShellPolicy
{
    private static readonly HashSet<string> DeniedNpmCommands = new(StringComparer.Ordinal)
    {
        "publish", "unpublish", "adduser", "add-user", "login", "logout", "token", "owner", "access",
        "deprecate", "dist-tag", "team", "org", "star", "unstar", "hook", "profile", "config", "c", "set",
        "edit", "link", "ln", "explore", "cache", "shell",
    };

    private static readonly HashSet<string> DependencyCommands = new(StringComparer.Ordinal)
    {
        "install", "i", "in", "ins", "inst", "insta", "instal", "isnt", "isntall", "add", "ci", "clean-install",
        "uninstall", "un", "unlink", "remove", "rm", "r", "update", "up", "upgrade", "udpate", "dedupe", "ddp", "prune",
    };

    private static readonly HashSet<string> RunCommands = new(StringComparer.Ordinal) { "run", "run-script", "rum", "urn" };

    private static readonly HashSet<string> ServerScripts = new(StringComparer.Ordinal) { "dev", "start", "serve", "preview", "watch" };

    private const string ServerRefusal =
        "the sandbox installs dependencies and starts the dev server itself after every step (and keeps it running); do not start a server from a shell action";

    private readonly HashSet<string> _allowed;
    private readonly bool _allowInstallScripts;
    private readonly string _workspace;

    public ShellPolicy(IEnumerable<string> allowedPrograms, bool allowInstallScripts, string workspace)
    {
        _allowed = new HashSet<string>(allowedPrograms, StringComparer.Ordinal);
        _allowInstallScripts = allowInstallScripts;
        _workspace = Path.TrimEndingDirectorySeparator(Path.GetFullPath(workspace));
    }

    public IReadOnlyList<ShellStep>? Plan(string commandLine, out string? refusal)
    {
        var segments = ShellLexer.TryParse(commandLine, out refusal);
        if (segments is null)
        {
            return null;
        }

        var steps = new List<ShellStep>();
        var directory = _workspace;
        foreach (var segment in segments)
        {
            var step = PlanSegment(segment, directory, out refusal);
            if (step is null)
            {
                return null;
            }

            directory = step.WorkingDirectory;
            steps.Add(step);
        }

        if (steps.Any(s => s.Connector == ShellConnector.Pipe))
        {
            refusal = "pipes (|) are not supported; run each command on its own";
            return null;
        }

        refusal = null;
        return steps;
    }

    private ShellStep? PlanSegment(ShellSegment segment, string directory, out string? refusal)
    {
        var program = segment.Words[0];
        var arguments = segment.Words.Skip(1).ToArray();

        if (program.Contains('=', StringComparison.Ordinal) && !program.StartsWith('='))
        {
            return Refuse(out refusal, $"environment assignments such as '{program}' are not supported");
        }

        if (program == "cd")
        {
            if (arguments.Length != 1)
            {
                return Refuse(out refusal, "cd needs exactly one directory inside the project");
            }

            var target = Resolve(directory, arguments[0]);
            if (target is null)
            {
                return Refuse(out refusal, $"cd '{arguments[0]}' leaves the project directory; stay inside it");
            }

            refusal = null;
            return new ShellStep { Connector = segment.Connector, WorkingDirectory = target };
        }

        if (program.Contains('/', StringComparison.Ordinal))
        {
            return Refuse(out refusal, $"run programs by name ({AllowedList()}), not by path ('{program}')");
        }

        if (!_allowed.Contains(program))
        {
            return Refuse(out refusal, $"'{program}' is not an allowed command; allowed commands: {AllowedList()}. Write and delete files with file actions instead");
        }

        foreach (var value in arguments.SelectMany(ArgumentPaths))
        {
            if (Resolve(directory, value) is null)
            {
                return Refuse(out refusal, $"the argument '{value}' points outside the project directory; only paths inside the project may be used");
            }
        }

        if (program == "rm" && arguments.Any(a => a.StartsWith('-') && (a.Contains('r', StringComparison.Ordinal) || a.Contains('R', StringComparison.Ordinal)))
            && arguments.Where(a => !a.StartsWith('-')).Any(a => a is "*" or "." or "./" || Resolve(directory, a) == _workspace))
        {
            return Refuse(out refusal, "deleting the whole project directory is not allowed");
        }

        if (!_allowInstallScripts && ReenablesScripts(arguments))
        {
            return Refuse(out refusal, "dependency lifecycle scripts are disabled in this sandbox and cannot be switched back on");
        }

        var changesDependencies = false;
        if (program == "npm")
        {
            if (arguments.Any(a => a is "-g" or "--global" or "--location=global" or "-C" || a.StartsWith("--prefix", StringComparison.Ordinal)
                || a.StartsWith("--userconfig", StringComparison.Ordinal) || a.StartsWith("--globalconfig", StringComparison.Ordinal)
                || a.StartsWith("--cache", StringComparison.Ordinal)))
            {
                return Refuse(out refusal, "npm may only act on this project (no -g/--global, --prefix, --cache or other config locations)");
            }

            // Null for option-only invocations such as `npm --version`.
            var command = arguments.FirstOrDefault(a => !a.StartsWith('-'));
            if (command is not null && DeniedNpmCommands.Contains(command))
            {
                return Refuse(out refusal, $"'npm {command}' is not allowed in the sandbox");
            }

            var index = Array.IndexOf(arguments, command);
            var script = index + 1 < arguments.Length ? arguments[index + 1] : null;
            if (command is "start" or "stop" or "restart" || (command is not null && RunCommands.Contains(command) && script is not null && ServerScripts.Contains(script)))
            {
                return Refuse(out refusal, ServerRefusal);
            }

            changesDependencies = command is not null && DependencyCommands.Contains(command);
        }
        else if (StartsViteServer(program, arguments))
        {
            return Refuse(out refusal, ServerRefusal);
        }

        refusal = null;
        return new ShellStep
        {
            Connector = segment.Connector,
            WorkingDirectory = directory,
            Program = program,
            Arguments = arguments,
            ChangesDependencies = changesDependencies,
        };
    }

    private static bool ReenablesScripts(string[] arguments)
    {
        for (var i = 0; i < arguments.Length; i++)
        {
            var argument = arguments[i];
            if (argument.StartsWith("--no-ignore-scripts", StringComparison.Ordinal)
                || argument is "--ignore-scripts=false" or "--ignore-scripts=0"
                || (argument == "--ignore-scripts" && i + 1 < arguments.Length && arguments[i + 1] is "false" or "0"))
            {
                return true;
            }
        }

        return false;
    }

    // `npx vite`, `npx vite --port 3000`, `node node_modules/vite/bin/vite.js preview`: a server that never exits.
    // Vite's only subcommands that finish are build and optimize (and --version / --help).
    private static bool StartsViteServer(string program, string[] arguments)
    {
        var index = program switch
        {
            "npx" => Array.FindIndex(arguments, a => a == "vite" || a.StartsWith("vite@", StringComparison.Ordinal)),
            "node" => Array.FindIndex(arguments, a => a.EndsWith("vite/bin/vite.js", StringComparison.Ordinal)),
            "vite" => -1,
            _ => -2,
        };
        if (index == -2 || (index == -1 && program != "vite"))
        {
            return false;
        }

        return !arguments.Skip(index + 1).Any(a => a is "build" or "optimize" or "--version" or "-v" or "--help" or "-h");
    }

    // Words that name files: positional arguments and the value of --option=value.
    private static IEnumerable<string> ArgumentPaths(string argument)
    {
        if (argument.StartsWith('-'))
        {
            var equals = argument.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                yield return argument[(equals + 1)..];
            }
        }
        else
        {
            yield return argument;
        }
    }

    /// <summary>The absolute path inside the workspace that <paramref name="path"/> names, or null when it leaves the workspace.</summary>
    private string? Resolve(string directory, string path)
    {
        if (path.StartsWith('~'))
        {
            return null;
        }

        if (!path.StartsWith('/') && !path.Split('/', '\\').Contains(".."))
        {
            return Path.TrimEndingDirectorySeparator(Path.GetFullPath(Path.Combine(directory, path)));
        }

        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path.StartsWith('/') ? path : Path.Combine(directory, path)));
        return full == _workspace || full.StartsWith(_workspace + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? full : null;
    }

    private string AllowedList() => _allowed.Count == 0 ? "none" : string.Join(", ", _allowed.Order(StringComparer.Ordinal));

    private static ShellStep? Refuse(out string? refusal, string reason)
    {
        refusal = reason;
        return null;
    }
}
