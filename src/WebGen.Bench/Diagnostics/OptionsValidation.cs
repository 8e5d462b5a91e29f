using System.ComponentModel.DataAnnotations;

namespace WebGen.Bench;

/// <summary>Validates data-annotated options at construction so a wrong option fails early, naming the option.</summary>
internal static class OptionsValidation
{
    public static void ThrowIfInvalid(object options, string name)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            var failures = results.Select(r => $"{name}.{r.MemberNames.FirstOrDefault() ?? "?"}: {r.ErrorMessage}");
            throw new ArgumentException($"Invalid {name}: {string.Join("; ", failures)}", nameof(options));
        }
    }
}
