using Microsoft.Extensions.Options;

namespace WebGen;

/// <summary>
/// Validates <see cref="WebGenAgentOptions"/> including its nested <see cref="WebGenAgentOptions.Workspace"/> by their
/// data annotations, with a validator the options source generator writes at build time (no reflection at run time).
/// Every failure names the option, such as <c>WebGenAgentOptions.Workspace.MaxFileBytes</c>.
/// </summary>
public sealed partial class WebGenAgentOptionsValidator : IValidateOptions<WebGenAgentOptions>
{
    private static readonly Annotations Generated = new();

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, WebGenAgentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        // The generated validator names members after the name it is given; the type name (and the options
        // instance's name, if any) makes "WebGenAgentOptions.ErrorLimit" rather than a bare "ErrorLimit".
        return Generated.Validate(string.IsNullOrEmpty(name) ? nameof(WebGenAgentOptions) : $"{nameof(WebGenAgentOptions)}[{name}]", options);
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming every invalid option.</summary>
    /// <param name="options">The options to check.</param>
    public static void ThrowIfInvalid(WebGenAgentOptions options)
    {
        var result = new WebGenAgentOptionsValidator().Validate(null, options);
        if (result.Failed)
        {
            throw new ArgumentException("Invalid WebGen agent options: " + result.FailureMessage, nameof(options));
        }
    }

    [OptionsValidator]
    private sealed partial class Annotations : IValidateOptions<WebGenAgentOptions>;
}
