using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace WebGen;

/// <summary>Validates <see cref="WebGenAgentOptions"/> including nested options; failures name the option.</summary>
public sealed class WebGenAgentOptionsValidator : IValidateOptions<WebGenAgentOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, WebGenAgentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Check(options, "WebGenAgentOptions", failures);
        if (options.Workspace is not null)
        {
            Check(options.Workspace, "WebGenAgentOptions.Workspace", failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
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

    private static void Check(object instance, string prefix, List<string> failures)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(instance, new ValidationContext(instance), results, validateAllProperties: true))
        {
            foreach (var r in results)
            {
                var member = r.MemberNames.FirstOrDefault() ?? "?";
                failures.Add($"{prefix}.{member}: {r.ErrorMessage}");
            }
        }
    }
}
