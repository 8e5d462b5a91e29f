namespace WebGen.Sandbox.Shell;

/// <summary>
/// Reads npm command-line options the way npm's parser (nopt) does, so that no spelling slips through: any number of
/// leading dashes, <c>--no-</c> negation, <c>=value</c> or a following <c>true</c>/<c>false</c> word, and unique
/// abbreviations (<c>--no-ig</c> is <c>--no-ignore-scripts</c>, <c>--prefi=/x</c> is <c>--prefix=/x</c>).
/// Everything that could be such an abbreviation is treated as one.
/// </summary>
internal static class NpmArguments
{
    private const string IgnoreScripts = "ignore-scripts";

    // Options that move npm's installs, caches or configuration outside the project.
    private static readonly string[] Locations = ["prefix", "global", "globalconfig", "userconfig", "cache", "location"];

    // Options that would run install scripts npm otherwise holds back (ignore-scripts wins over both, but say so).
    private static readonly string[] ScriptSwitches = ["dangerously-allow-all-scripts", "allow-scripts"];

    // npm options and shorthands that are themselves prefixes of the names above: typed exactly, they mean themselves.
    private static readonly HashSet<string> ExactNames = new(StringComparer.Ordinal) { "p", "ca", "c", "l", "s", "n", "no", "d", "all", "a" };

    // Single-letter shorthands of Locations: -g (global), -C (prefix), -L (location).
    private static readonly char[] LocationShorthands = ['g', 'C', 'L'];

    /// <summary>Why the arguments switch lifecycle scripts back on, or null.</summary>
    public static string? ScriptsRefusal(IReadOnlyList<string> arguments)
    {
        for (var i = 0; i < arguments.Count; i++)
        {
            if (!TryParse(arguments[i], out var name, out var negated, out var value))
            {
                continue;
            }

            if (IsAbbreviation(name, IgnoreScripts))
            {
                var next = i + 1 < arguments.Count ? arguments[i + 1] : null;
                var enables = negated || (value is not null ? value != "true" : next == "false");
                if (enables)
                {
                    return $"'{arguments[i]}{(value is null && next == "false" ? " false" : "")}' would switch dependency lifecycle scripts back on, and they are disabled in this sandbox in every spelling";
                }
            }
            else if (ScriptSwitches.Any(s => IsAbbreviation(name, s)))
            {
                return $"'{arguments[i]}' would let dependency lifecycle scripts run, and they are disabled in this sandbox";
            }
        }

        return null;
    }

    /// <summary>Why the npm arguments reach outside the project (global installs, other prefixes, caches, config files, npm_config_ settings), or null.</summary>
    public static string? LocationRefusal(IReadOnlyList<string> arguments)
    {
        foreach (var argument in arguments)
        {
            if (argument.StartsWith("npm_config_", StringComparison.OrdinalIgnoreCase) || argument.Contains("=npm_config_", StringComparison.OrdinalIgnoreCase))
            {
                return $"npm settings cannot be changed from a shell action ('{argument}')";
            }

            if (argument.Length >= 2 && argument[0] == '-' && argument[1] != '-' && !argument.Contains('=', StringComparison.Ordinal)
                && argument.AsSpan(1).IndexOfAny(LocationShorthands) >= 0)
            {
                return LocationMessage(argument);
            }

            if (!TryParse(argument, out var name, out var negated, out var value))
            {
                continue;
            }

            // --no-global and --location=project keep npm in the project, which is where it is anyway.
            if ((negated && IsAbbreviation(name, "global")) || (name == "location" && value == "project"))
            {
                continue;
            }

            if (Locations.Any(l => IsAbbreviation(name, l)))
            {
                return LocationMessage(argument);
            }
        }

        return null;
    }

    private static string LocationMessage(string argument) =>
        $"npm may only act on this project ('{argument}' would point it at global installs, another prefix, a cache or a configuration file elsewhere)";

    /// <summary>Splits an option word into its lower-cased name (without dashes and "no-"), negation and <c>=value</c>.</summary>
    private static bool TryParse(string argument, out string name, out bool negated, out string? value)
    {
        name = "";
        negated = false;
        value = null;
        if (argument.Length < 2 || argument[0] != '-')
        {
            return false;
        }

        var body = argument.TrimStart('-');
        var equals = body.IndexOf('=', StringComparison.Ordinal);
        if (equals >= 0)
        {
            value = body[(equals + 1)..].ToLowerInvariant();
            body = body[..equals];
        }

        name = body.ToLowerInvariant().Replace('_', '-');
        if (name.StartsWith("no-", StringComparison.Ordinal))
        {
            negated = true;
            name = name[3..];
        }

        return name.Length > 0;
    }

    // nopt expands any unique prefix of an option name; an ambiguous one it leaves alone, but refusing it costs nothing.
    private static bool IsAbbreviation(string typed, string option) =>
        option.StartsWith(typed, StringComparison.Ordinal) && (typed == option || !ExactNames.Contains(typed));
}
