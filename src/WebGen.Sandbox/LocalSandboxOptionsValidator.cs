using System.Globalization;
using Microsoft.Extensions.Options;

namespace WebGen.Sandbox;

/// <summary>
/// Validates <see cref="LocalSandboxOptions"/>: its data annotations (and those of <see cref="LocalSandboxOptions.Limits"/>)
/// through a validator the options source generator writes at build time, then the rules attributes cannot say: ranges
/// that span several options, absolute paths, list entries. Every message names the option it is about.
/// </summary>
internal sealed partial class LocalSandboxOptionsValidator : IValidateOptions<LocalSandboxOptions>
{
    private static readonly Annotations Generated = new();

    public ValidateOptionsResult Validate(string? name, LocalSandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        var annotations = Generated.Validate(nameof(LocalSandboxOptions), options);
        if (annotations.Failed)
        {
            failures.AddRange(annotations.Failures);
        }

        if (options.PortRangeEnd < options.PortRangeStart)
        {
            failures.Add(Format(nameof(LocalSandboxOptions.PortRangeEnd), $"must be at least {nameof(LocalSandboxOptions.PortRangeStart)} ({options.PortRangeStart}), was {options.PortRangeEnd}."));
        }

        if (options.OutputHeadLines + options.OutputTailLines > options.MaxOutputLines)
        {
            failures.Add(Format(nameof(LocalSandboxOptions.MaxOutputLines), $"must be at least {nameof(LocalSandboxOptions.OutputHeadLines)} + {nameof(LocalSandboxOptions.OutputTailLines)} ({options.OutputHeadLines + options.OutputTailLines}), was {options.MaxOutputLines}."));
        }

        if (options.Limits is null)
        {
            failures.Add(Format(nameof(LocalSandboxOptions.Limits), "must not be null."));
        }

        CheckAbsolute(failures, nameof(LocalSandboxOptions.BubblewrapPath), options.BubblewrapPath);
        if (options.AdditionalReadOnlyPaths is null)
        {
            failures.Add(Format(nameof(LocalSandboxOptions.AdditionalReadOnlyPaths), "must not be null (use an empty list)."));
        }
        else
        {
            foreach (var path in options.AdditionalReadOnlyPaths)
            {
                CheckAbsolute(failures, nameof(LocalSandboxOptions.AdditionalReadOnlyPaths), path ?? "");
            }
        }

        if (options.InstallHosts is null)
        {
            failures.Add(Format(nameof(LocalSandboxOptions.InstallHosts), "must not be null (use an empty list)."));
        }
        else
        {
            foreach (var host in options.InstallHosts.Where(h => string.IsNullOrWhiteSpace(h) || Isolation.EgressProxy.Endpoint(h) is null || h.Contains('/', StringComparison.Ordinal)))
            {
                failures.Add(Format(nameof(LocalSandboxOptions.InstallHosts), $"entries must be host names or host:port, such as \"cdn.example.com\"; \"{host}\" is not."));
            }
        }

        CheckAbsolute(failures, nameof(LocalSandboxOptions.NpmCacheDirectory), options.NpmCacheDirectory);
        CheckAbsolute(failures, nameof(LocalSandboxOptions.NodeModulesTemplatePath), options.NodeModulesTemplatePath);

        if (options.AllowedShellCommands is null)
        {
            failures.Add(Format(nameof(LocalSandboxOptions.AllowedShellCommands), "must not be null (use an empty list to refuse every shell action)."));
        }
        else
        {
            foreach (var command in options.AllowedShellCommands)
            {
                if (string.IsNullOrWhiteSpace(command) || command.Any(c => char.IsWhiteSpace(c) || c == '/' || c == '\\'))
                {
                    failures.Add(Format(nameof(LocalSandboxOptions.AllowedShellCommands), $"entries must be bare program names such as \"npm\"; \"{command}\" is not."));
                }
            }
        }

        if (options.EnvironmentAllowList is null)
        {
            failures.Add(Format(nameof(LocalSandboxOptions.EnvironmentAllowList), "must not be null (use an empty list to pass no host variable)."));
        }
        else
        {
            foreach (var variable in options.EnvironmentAllowList.Where(v => !IsVariableName(v)))
            {
                failures.Add(Format(nameof(LocalSandboxOptions.EnvironmentAllowList), $"entries must be variable names; \"{variable}\" is not."));
            }
        }

        if (options.EnvironmentVariables is null)
        {
            failures.Add(Format(nameof(LocalSandboxOptions.EnvironmentVariables), "must not be null."));
        }
        else
        {
            foreach (var pair in options.EnvironmentVariables.Where(p => !IsVariableName(p.Key) || p.Value is null))
            {
                failures.Add(Format(nameof(LocalSandboxOptions.EnvironmentVariables), $"entry \"{pair.Key}\" needs a variable name and a non-null value."));
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckAbsolute(List<string> failures, string option, string? path)
    {
        if (path is not null && (path.Length == 0 || !Path.IsPathFullyQualified(path)))
        {
            failures.Add(Format(option, $"must be an absolute path or null, was \"{path}\"."));
        }
    }

    private static bool IsVariableName(string? name) =>
        !string.IsNullOrEmpty(name)
        && (char.IsAsciiLetter(name[0]) || name[0] == '_')
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static string Format(string option, string message) =>
        string.Create(CultureInfo.InvariantCulture, $"{nameof(LocalSandboxOptions)}.{option} {message}");

    [OptionsValidator]
    private sealed partial class Annotations : IValidateOptions<LocalSandboxOptions>;
}
