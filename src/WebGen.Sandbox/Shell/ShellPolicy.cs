using WebGen.Sandbox.Install;

namespace WebGen.Sandbox.Shell;

/// <summary>
/// Decides whether a <c>shell</c> action may run and turns it into argv steps. Only allow-listed programs
/// run, by name, without a shell; arguments may not name paths outside the workspace; npm may not act
/// globally or outside the project, publish, log in, switch lifecycle scripts back on (in any spelling npm
/// accepts), install from this machine's files, or run with a package-manager configuration file in the
/// project; commands that start a dev server are refused because the sandbox runs the server itself.
/// Reasons are phrased for the model.
/// </summary>
/// <remarks>
/// <c>node</c> runs whatever code it is given, so these rules keep honest mistakes and simple tricks out; what
/// contains code that sets out to break them is the OS isolation every shell step runs in.
/// </remarks>
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
        "install-test", "it", "install-ci-test", "cit", "clean-install-test", "sit",
    };

    // npm commands that do not act on a project, so need no package.json (init and create write one).
    private static readonly HashSet<string> ProjectlessNpmCommands = new(StringComparer.Ordinal)
    {
        "init", "create", "innit", "exec", "x", "help", "view", "v", "info", "show", "search", "s", "se", "find",
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
        var initialised = new HashSet<string>(StringComparer.Ordinal);
        foreach (var segment in segments)
        {
            var step = PlanSegment(segment, directory, initialised, out refusal);
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

    private ShellStep? PlanSegment(ShellSegment segment, string directory, HashSet<string> initialised, out string? refusal)
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

        if (!_allowInstallScripts && NpmArguments.ScriptsRefusal(arguments) is { } scripts)
        {
            return Refuse(out refusal, scripts);
        }

        var changesDependencies = false;
        if (program is "npm" or "npx")
        {
            if (NpmArguments.LocationRefusal(arguments) is { } location)
            {
                return Refuse(out refusal, location);
            }

            if (ConfigFileOnTheWay(directory) is { } config)
            {
                return Refuse(out refusal, config);
            }
        }

        if (program == "npx" && HostPackage(arguments, directory, first: 0, onlyFirstPositional: true) is { } npxPackage)
        {
            return Refuse(out refusal, $"'{npxPackage}': {DependencySpec.Advice}");
        }

        if (program == "npm")
        {
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
            if ((changesDependencies || command is "exec" or "x") && HostPackage(arguments, directory, index + 1, onlyFirstPositional: !changesDependencies) is { } package)
            {
                return Refuse(out refusal, $"'{package}': {DependencySpec.Advice}");
            }

            if (command is "init" or "create" or "innit")
            {
                initialised.Add(directory);
            }
            else if (command is not null && !ProjectlessNpmCommands.Contains(command))
            {
                var project = ProjectDirectory(directory, initialised);
                if (project is null)
                {
                    return Refuse(out refusal, "there is no package.json in the project yet, so npm would act on a folder outside it; write package.json with a file action first (or run npm init -y)");
                }

                if (changesDependencies && !initialised.Contains(project) && ProjectManifest.HostDependencyProblem(project) is { } host)
                {
                    return Refuse(out refusal, host.TrimEnd('.'));
                }
            }
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

    /// <summary>
    /// The first package argument from <paramref name="first"/> on (every positional word of npm install; only the
    /// first of npx and npm exec, whose later words are the program's own) or <c>--package</c> value that points at
    /// this machine's files.
    /// </summary>
    private static string? HostPackage(string[] arguments, string directory, int first, bool onlyFirstPositional)
    {
        for (var i = first; i < arguments.Length; i++)
        {
            var argument = arguments[i];
            if (argument is "--package" or "-p" && i + 1 < arguments.Length)
            {
                if (DependencySpec.ArgumentPointsAtHost(arguments[i + 1], directory))
                {
                    return arguments[i + 1];
                }

                i++;
            }
            else if (argument.StartsWith("--package=", StringComparison.Ordinal) && DependencySpec.ArgumentPointsAtHost(argument["--package=".Length..], directory))
            {
                return argument["--package=".Length..];
            }
            else if (!argument.StartsWith('-'))
            {
                if (DependencySpec.ArgumentPointsAtHost(argument, directory))
                {
                    return argument;
                }

                if (onlyFirstPositional)
                {
                    return null;
                }
            }
        }

        return null;
    }

    /// <summary>The directory npm would treat as the project (nearest package.json or node_modules), or null when it lies outside the workspace.</summary>
    private string? ProjectDirectory(string directory, HashSet<string> initialised)
    {
        for (var current = directory; IsInside(current); current = Path.GetDirectoryName(current)!)
        {
            if (initialised.Contains(current) || LinkSafeFiles.Kind(current, ["package.json"]) != EntryKind.Missing || LinkSafeFiles.Kind(current, ["node_modules"]) != EntryKind.Missing)
            {
                return current;
            }
        }

        return null;
    }

    /// <summary>A refusal when npm, started in <paramref name="directory"/>, could read a configuration file of the project.</summary>
    private string? ConfigFileOnTheWay(string directory)
    {
        for (var current = directory; IsInside(current); current = Path.GetDirectoryName(current)!)
        {
            if (ProjectManifest.ConfigFileProblem(current) is { } problem)
            {
                var where = Path.GetRelativePath(_workspace, current);
                return (where == "." ? problem : problem.Replace("The project has a ", $"The folder {where} has a ", StringComparison.Ordinal)).TrimEnd('.');
            }
        }

        return null;
    }

    private bool IsInside(string path) => path == _workspace || path.StartsWith(_workspace + Path.DirectorySeparatorChar, StringComparison.Ordinal);

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
