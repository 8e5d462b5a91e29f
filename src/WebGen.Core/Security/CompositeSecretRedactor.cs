namespace WebGen;

/// <summary>Applies several redactors in turn.</summary>
internal sealed class CompositeSecretRedactor(params ISecretRedactor[] redactors) : ISecretRedactor
{
    public string Redact(string text)
    {
        foreach (var redactor in redactors)
        {
            text = redactor.Redact(text);
        }

        return text;
    }
}
