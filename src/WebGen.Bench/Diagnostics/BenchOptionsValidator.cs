using Microsoft.Extensions.Options;

namespace WebGen.Bench;

/// <summary>
/// Validates the benchmark's options by their data annotations when a component is built, so a wrong option fails
/// early, naming the option. The options source generator writes the checks at build time (no reflection at run time).
/// </summary>
[OptionsValidator]
internal sealed partial class BenchOptionsValidator :
    IValidateOptions<BenchEvaluatorOptions>,
    IValidateOptions<AppearanceGraderOptions>,
    IValidateOptions<WebBenchOptions>,
    IValidateOptions<BenchGenerationOptions>
{
    private static readonly BenchOptionsValidator Instance = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming every invalid option.</summary>
    public static void ThrowIfInvalid(BenchEvaluatorOptions options) => Throw(Instance.Validate(nameof(BenchEvaluatorOptions), options), nameof(BenchEvaluatorOptions), nameof(options));

    /// <summary>Throws <see cref="ArgumentException"/> naming every invalid option.</summary>
    public static void ThrowIfInvalid(AppearanceGraderOptions options) => Throw(Instance.Validate(nameof(AppearanceGraderOptions), options), nameof(AppearanceGraderOptions), nameof(options));

    /// <summary>Throws <see cref="ArgumentException"/> naming every invalid option.</summary>
    public static void ThrowIfInvalid(WebBenchOptions options) => Throw(Instance.Validate(nameof(WebBenchOptions), options), nameof(WebBenchOptions), nameof(options));

    /// <summary>Throws <see cref="ArgumentException"/> naming every invalid option.</summary>
    public static void ThrowIfInvalid(BenchGenerationOptions options) => Throw(Instance.Validate(nameof(BenchGenerationOptions), options), nameof(BenchGenerationOptions), nameof(options));

    private static void Throw(ValidateOptionsResult result, string optionsName, string parameterName)
    {
        if (result.Failed)
        {
            throw new ArgumentException($"Invalid {optionsName}: {result.FailureMessage}", parameterName);
        }
    }
}
