namespace WebGen.Cli;

/// <summary>Where one model role is served: any OpenAI-compatible endpoint (hosted APIs, vLLM, Ollama's /v1).</summary>
internal sealed class ModelSettings
{
    public Uri? Endpoint { get; set; }

    public string? ApiKey { get; set; }

    public string? Model { get; set; }

    public bool IsConfigured => Endpoint is not null;

    /// <summary>A description safe to print: never includes the key.</summary>
    public string Describe() => IsConfigured ? $"{Model ?? "(default model)"} at {Endpoint}" + (string.IsNullOrEmpty(ApiKey) ? "" : " (API key set)") : "not configured";
}
