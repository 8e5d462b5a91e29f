namespace WebGen.Sandbox.Processes;

/// <summary>
/// Builds the environment of every child from scratch: only allow-listed host variables, then the
/// sandbox's own npm and terminal settings, then the caller's explicit variables. Nothing else of the
/// host (API keys, tokens, cloud credentials) reaches a generated site.
/// </summary>
internal static class ChildEnvironment
{
    private const string FallbackPath = "/usr/local/bin:/usr/bin:/bin";

    public static Dictionary<string, string> Build(LocalSandboxOptions options, string npmCacheDirectory)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in options.EnvironmentAllowList)
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                environment[name] = value;
            }
        }

        environment.TryAdd("PATH", FallbackPath);

        // npm reads these for every invocation, including the model's own shell actions.
        environment["npm_config_cache"] = npmCacheDirectory;
        environment["npm_config_ignore_scripts"] = options.AllowInstallScripts ? "false" : "true";
        environment["npm_config_audit"] = "false";
        environment["npm_config_fund"] = "false";
        environment["npm_config_update_notifier"] = "false";
        environment["npm_config_progress"] = "false";

        // npx must not wait for a "Need to install … Ok to proceed?" answer that can never come.
        environment["npm_config_yes"] = "true";

        // Plain text logs, and no browser window opened by dev servers.
        environment["NO_COLOR"] = "1";
        environment["FORCE_COLOR"] = "0";
        environment["BROWSER"] = "none";

        foreach (var (name, value) in options.EnvironmentVariables)
        {
            environment[name] = value;
        }

        return environment;
    }

    /// <summary>The default shared npm cache: <c>$XDG_CACHE_HOME/webgen-sandbox/npm</c> or <c>~/.cache/webgen-sandbox/npm</c>.</summary>
    public static string DefaultNpmCacheDirectory()
    {
        var cacheHome = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (string.IsNullOrEmpty(cacheHome) || !Path.IsPathFullyQualified(cacheHome))
        {
            cacheHome = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        }

        return Path.Combine(cacheHome, "webgen-sandbox", "npm");
    }
}
