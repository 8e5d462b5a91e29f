using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace WebGen.Playwright;

/// <summary>
/// Validates the options of WebGen.Playwright's components by their data annotations, with checks the options source
/// generator writes at build time (no reflection at run time), plus the rules annotations cannot state (the allowed
/// origins of <see cref="PageCaptureOptions"/>). Registered for DI's start-up validation and called by the
/// components' constructors, so the same checks hold with and without DI. Every failure names the option, such as
/// <c>PlaywrightBrowserOptions.LaunchTimeout</c>.
/// </summary>
internal sealed partial class PlaywrightOptionsValidator :
    IValidateOptions<PlaywrightBrowserOptions>,
    IValidateOptions<PageCaptureOptions>,
    IValidateOptions<WebVoyagerOptions>,
    IValidateOptions<WebVoyagerGuiTesterOptions>,
    IValidateOptions<SmokeGuiTesterOptions>
{
    private static readonly PlaywrightOptionsValidator Instance = new();
    private static readonly Annotations Generated = new();

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PlaywrightBrowserOptions options) => Generated.Validate(Name<PlaywrightBrowserOptions>(name), options);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PageCaptureOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new ValidateOptionsResultBuilder();
        builder.AddResult(Generated.Validate(Name<PageCaptureOptions>(name), options));
        foreach (var origin in options.AdditionalAllowedOrigins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
            {
                builder.AddError($"{Name<PageCaptureOptions>(name)}.{nameof(PageCaptureOptions.AdditionalAllowedOrigins)} contains '{origin}', which is not an absolute http(s) origin such as http://127.0.0.1:8080.");
            }
        }

        return builder.Build();
    }

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, WebVoyagerOptions options) => Generated.Validate(Name<WebVoyagerOptions>(name), options);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, WebVoyagerGuiTesterOptions options) => Generated.Validate(Name<WebVoyagerGuiTesterOptions>(name), options);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SmokeGuiTesterOptions options) => Generated.Validate(Name<SmokeGuiTesterOptions>(name), options);

    /// <summary>Throws <see cref="ValidationException"/> naming every invalid option; returns the options.</summary>
    public static PlaywrightBrowserOptions Validated(PlaywrightBrowserOptions options) => Throw(Instance.Validate(null, options), options);

    /// <summary>Throws <see cref="ValidationException"/> naming every invalid option; returns the options.</summary>
    public static PageCaptureOptions Validated(PageCaptureOptions options) => Throw(Instance.Validate(null, options), options);

    /// <summary>Throws <see cref="ValidationException"/> naming every invalid option; returns the options.</summary>
    public static WebVoyagerOptions Validated(WebVoyagerOptions options) => Throw(Instance.Validate(null, options), options);

    /// <summary>Throws <see cref="ValidationException"/> naming every invalid option; returns the options.</summary>
    public static WebVoyagerGuiTesterOptions Validated(WebVoyagerGuiTesterOptions options) => Throw(Instance.Validate(null, options), options);

    /// <summary>Throws <see cref="ValidationException"/> naming every invalid option; returns the options.</summary>
    public static SmokeGuiTesterOptions Validated(SmokeGuiTesterOptions options) => Throw(Instance.Validate(null, options), options);

    // The generated validator names members after the name it is given: the type name (and a named options
    // instance's name) makes "PageCaptureOptions.Timeout" rather than a bare "Timeout".
    private static string Name<T>(string? name) => string.IsNullOrEmpty(name) ? typeof(T).Name : $"{typeof(T).Name}[{name}]";

    private static T Throw<T>(ValidateOptionsResult result, T options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return result.Failed ? throw new ValidationException(result.FailureMessage) : options;
    }

    [OptionsValidator]
    private sealed partial class Annotations :
        IValidateOptions<PlaywrightBrowserOptions>,
        IValidateOptions<PageCaptureOptions>,
        IValidateOptions<WebVoyagerOptions>,
        IValidateOptions<WebVoyagerGuiTesterOptions>,
        IValidateOptions<SmokeGuiTesterOptions>;
}
