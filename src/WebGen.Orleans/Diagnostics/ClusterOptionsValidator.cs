using Microsoft.Extensions.Options;

namespace WebGen.Orleans;

/// <summary>
/// Validates <see cref="WebGenClusterOptions"/> and <see cref="WebGenWorkerOptions"/> by their data annotations, at DI
/// start-up and when the cluster client is built without DI, with checks the options source generator writes at build
/// time (no reflection at run time). Failures name the option, such as <c>WebGenWorkerOptions.Slots</c>.
/// </summary>
internal sealed partial class ClusterOptionsValidator : IValidateOptions<WebGenClusterOptions>, IValidateOptions<WebGenWorkerOptions>
{
    private static readonly ClusterOptionsValidator Instance = new();
    private static readonly Annotations Generated = new();

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, WebGenClusterOptions options) => Generated.Validate(Name<WebGenClusterOptions>(name), options);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, WebGenWorkerOptions options) => Generated.Validate(Name<WebGenWorkerOptions>(name), options);

    /// <summary>Throws <see cref="ArgumentException"/> naming every invalid option.</summary>
    public static void ThrowIfInvalid(WebGenClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = Instance.Validate(null, options);
        if (result.Failed)
        {
            throw new ArgumentException($"{nameof(WebGenClusterOptions)} is invalid: {result.FailureMessage}", nameof(options));
        }
    }

    // The generated validator names members after the name it is given: the type name (and a named options
    // instance's name) makes "WebGenWorkerOptions.Slots" rather than a bare "Slots".
    private static string Name<T>(string? name) => string.IsNullOrEmpty(name) ? typeof(T).Name : $"{typeof(T).Name}[{name}]";

    [OptionsValidator]
    private sealed partial class Annotations : IValidateOptions<WebGenClusterOptions>, IValidateOptions<WebGenWorkerOptions>;
}
