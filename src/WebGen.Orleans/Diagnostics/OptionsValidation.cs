using System.ComponentModel.DataAnnotations;

namespace WebGen.Orleans;

internal static class OptionsValidation
{
    /// <summary>Validates data annotations for options used without dependency injection.</summary>
    public static void ThrowIfInvalid(object options)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            throw new ArgumentException($"{options.GetType().Name} is invalid: {string.Join("; ", results.Select(r => r.ErrorMessage))}", nameof(options));
        }
    }
}
