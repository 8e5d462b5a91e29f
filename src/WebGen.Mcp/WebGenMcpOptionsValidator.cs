using Microsoft.Extensions.Options;

namespace WebGen.Mcp;

/// <summary>
/// Validates <see cref="WebGenMcpOptions"/> at start-up by their data annotations, with checks the options source
/// generator writes at build time (no reflection at run time). Failures name the option, such as
/// <c>WebGenMcpOptions.MaxConcurrentRuns</c>.
/// </summary>
internal sealed partial class WebGenMcpOptionsValidator : IValidateOptions<WebGenMcpOptions>
{
    private static readonly Annotations Generated = new();

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, WebGenMcpOptions options) =>
        Generated.Validate(string.IsNullOrEmpty(name) ? nameof(WebGenMcpOptions) : $"{nameof(WebGenMcpOptions)}[{name}]", options);

    // The generated validator names members after the name it is given; an unnamed options instance would make a bare
    // "MaxConcurrentRuns", so the wrapper above passes the type's name.
    [OptionsValidator]
    private sealed partial class Annotations : IValidateOptions<WebGenMcpOptions>;
}
