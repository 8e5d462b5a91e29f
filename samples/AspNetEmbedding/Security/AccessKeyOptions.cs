namespace WebGen.Samples.AspNetEmbedding;

/// <summary>The sample's one shared access key (configuration <c>Sample:AccessKey</c>); generated and logged at start when unset.</summary>
public sealed class AccessKeyOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Sample";

    /// <summary>The key a browser exchanges for a session cookie at <c>POST /session</c>.</summary>
    public string? AccessKey { get; set; }
}
