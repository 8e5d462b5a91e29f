namespace WebGen;

/// <summary>
/// The default <see cref="ISecretRedactor"/>: replaces every occurrence of the given values (and of their URL-encoded
/// form) with <see cref="Replacement"/>. Values shorter than <see cref="MinimumLength"/> characters are ignored:
/// replacing them would mangle ordinary text, and no real key is that short.
/// </summary>
public sealed class SecretRedactor : ISecretRedactor
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Replacement = "[REDACTED]";

    /// <summary>The shortest value treated as a secret.</summary>
    public const int MinimumLength = 8;

    private readonly string[] _secrets;

    /// <summary>Creates a redactor for <paramref name="secrets"/>; null, empty and too-short values are ignored.</summary>
    /// <param name="secrets">The secret values, for example the configured API keys.</param>
    public SecretRedactor(IEnumerable<string?> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);

        // Longest first, so that a secret containing another is replaced whole.
        _secrets = [.. secrets
            .Select(s => s?.Trim())
            .Where(s => s is { Length: >= MinimumLength })
            .SelectMany(s => new[] { s!, Uri.EscapeDataString(s!) })
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length)];
    }

    /// <summary>A redactor with no secrets: returns text unchanged.</summary>
    public static SecretRedactor None { get; } = new([]);

    /// <summary>True when there is nothing to redact.</summary>
    public bool IsEmpty => _secrets.Length == 0;

    /// <inheritdoc />
    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var secret in _secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, Replacement, StringComparison.Ordinal);
            }
        }

        return text;
    }
}
