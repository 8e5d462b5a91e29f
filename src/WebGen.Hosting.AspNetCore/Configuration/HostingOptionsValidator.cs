using Microsoft.Extensions.Options;

namespace WebGen.Hosting.Configuration;

/// <summary>
/// Validates <see cref="WebGenHostingOptions"/> at start-up and the <see cref="ScreenshotPreCheckOptions"/> read from
/// configuration, by their data annotations (and the pre-checks' own cross-option rule), with checks the options source
/// generator writes at build time (no reflection at run time). Failures name the option, such as
/// <c>WebGenHostingOptions.MaxConcurrentRuns</c>.
/// </summary>
internal sealed partial class HostingOptionsValidator : IValidateOptions<WebGenHostingOptions>
{
    private static readonly Annotations Generated = new();

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, WebGenHostingOptions options) =>
        Generated.Validate(string.IsNullOrEmpty(name) ? nameof(WebGenHostingOptions) : $"{nameof(WebGenHostingOptions)}[{name}]", options);

    /// <summary>Validates pre-check options read from configuration; the failures start with the member's name.</summary>
    /// <param name="options">The options.</param>
    public static ValidateOptionsResult Validate(ScreenshotPreCheckOptions options) => Generated.Validate(nameof(ScreenshotPreCheckOptions), options);

    [OptionsValidator]
    private sealed partial class Annotations : IValidateOptions<WebGenHostingOptions>, IValidateOptions<ScreenshotPreCheckOptions>;
}
