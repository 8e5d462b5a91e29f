using System.Net;
using Microsoft.Extensions.Options;

namespace WebGen.Training.Server;

/// <summary>
/// Validates <see cref="EnvironmentServerOptions"/>: its data annotations through a validator the options source
/// generator writes at build time, then the rules attributes cannot say (an API key off loopback, host names).
/// </summary>
internal sealed partial class EnvironmentServerOptionsValidator : IValidateOptions<EnvironmentServerOptions>
{
    /// <summary>The shortest API key accepted.</summary>
    public const int MinimumApiKeyLength = 16;

    private static readonly Annotations Generated = new();

    public ValidateOptionsResult Validate(string? name, EnvironmentServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var annotations = Generated.Validate(nameof(EnvironmentServerOptions), options);
        if (annotations.Failed)
        {
            failures.AddRange(annotations.Failures);
        }

        var loopback = true;
        if (!string.IsNullOrWhiteSpace(options.BindAddress))
        {
            if (IPAddress.TryParse(options.BindAddress, out var address))
            {
                loopback = IPAddress.IsLoopback(address);
            }
            else
            {
                failures.Add($"EnvironmentServerOptions.BindAddress: '{options.BindAddress}' is not an IP address; use one such as 127.0.0.1, ::1 or 0.0.0.0.");
            }
        }

        if (options.ApiKey is { } key)
        {
            if (key.Length < MinimumApiKeyLength || key.Any(char.IsWhiteSpace))
            {
                failures.Add($"EnvironmentServerOptions.ApiKey: use at least {MinimumApiKeyLength} characters without white space (for example 32 random bytes in hex).");
            }
        }
        else if (!loopback)
        {
            failures.Add($"EnvironmentServerOptions.ApiKey: an API key is required when BindAddress ({options.BindAddress}) is not a loopback address; set ApiKey (or leave RequireApiKey on to have one generated) or bind to 127.0.0.1.");
        }

        foreach (var host in options.AllowedHosts ?? [])
        {
            if (string.IsNullOrWhiteSpace(host) || host.Any(char.IsWhiteSpace) || host.Contains('/', StringComparison.Ordinal))
            {
                failures.Add($"EnvironmentServerOptions.AllowedHosts: '{host}' is not a host name; use names such as trainer.internal or 10.0.0.5, or * for any.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [OptionsValidator]
    private sealed partial class Annotations : IValidateOptions<EnvironmentServerOptions>;
}
