using Microsoft.Extensions.Options;

namespace WebGen.Orleans;

/// <summary>
/// Validates <see cref="WebGenClusterOptions"/> and <see cref="WebGenWorkerOptions"/> by their data annotations, at DI
/// start-up and when the cluster client is built without DI, with checks the options source generator writes at build
/// time (no reflection at run time).
/// </summary>
[OptionsValidator]
internal sealed partial class ClusterOptionsValidator : IValidateOptions<WebGenClusterOptions>, IValidateOptions<WebGenWorkerOptions>
{
    private static readonly ClusterOptionsValidator Instance = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming every invalid option.</summary>
    public static void ThrowIfInvalid(WebGenClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = Instance.Validate(nameof(WebGenClusterOptions), options);
        if (result.Failed)
        {
            throw new ArgumentException($"{nameof(WebGenClusterOptions)} is invalid: {result.FailureMessage}", nameof(options));
        }
    }
}
