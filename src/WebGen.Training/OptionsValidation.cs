using System.ComponentModel.DataAnnotations;

namespace WebGen.Training;

/// <summary>Validates options objects with their data annotations when a component is built without DI.</summary>
internal static class OptionsValidation
{
    public static void Validate(object options, string parameterName)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            var problems = string.Join("; ", results.Select(r => $"{options.GetType().Name}.{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
            throw new ArgumentException($"Invalid options: {problems}", parameterName);
        }
    }
}
