using Microsoft.Extensions.Options;

namespace WebGen.Training;

/// <summary>
/// Validates the training options by their data annotations when a component is built without DI. The options source
/// generator writes the checks at build time (no reflection at run time); every failure names the option.
/// </summary>
[OptionsValidator]
internal sealed partial class TrainingOptionsValidator :
    IValidateOptions<RolloutOptions>,
    IValidateOptions<TrajectoryParquetOptions>,
    IValidateOptions<StepGrpoRewardOptions>,
    IValidateOptions<MalformedOutputOptions>
{
    private static readonly TrainingOptionsValidator Instance = new();

    /// <summary>Throws <see cref="ArgumentException"/> for <paramref name="parameterName"/> naming every invalid option.</summary>
    public static void ThrowIfInvalid(RolloutOptions options, string parameterName) => Throw(Instance.Validate(nameof(RolloutOptions), options), parameterName);

    /// <summary>Throws <see cref="ArgumentException"/> for <paramref name="parameterName"/> naming every invalid option.</summary>
    public static void ThrowIfInvalid(TrajectoryParquetOptions options, string parameterName) => Throw(Instance.Validate(nameof(TrajectoryParquetOptions), options), parameterName);

    /// <summary>Throws <see cref="ArgumentException"/> for <paramref name="parameterName"/> naming every invalid option.</summary>
    public static void ThrowIfInvalid(StepGrpoRewardOptions options, string parameterName) => Throw(Instance.Validate(nameof(StepGrpoRewardOptions), options), parameterName);

    /// <summary>Throws <see cref="ArgumentException"/> for <paramref name="parameterName"/> naming every invalid option.</summary>
    public static void ThrowIfInvalid(MalformedOutputOptions options, string parameterName) => Throw(Instance.Validate(nameof(MalformedOutputOptions), options), parameterName);

    private static void Throw(ValidateOptionsResult result, string parameterName)
    {
        if (result.Failed)
        {
            throw new ArgumentException($"Invalid options: {result.FailureMessage}", parameterName);
        }
    }
}
