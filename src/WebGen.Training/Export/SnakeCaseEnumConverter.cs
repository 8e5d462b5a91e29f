using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebGen.Training;

/// <summary>Writes enum values as snake_case strings (<c>bad_format</c>), the convention of Python trainers.</summary>
internal sealed class SnakeCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false)
    where TEnum : struct, Enum;
