using Microsoft.Extensions.Configuration;

namespace WebGen.Cli;

/// <summary>
/// The CLI's configuration: <c>appsettings.json</c> in the working directory (or <c>--config FILE</c>), then
/// environment variables. Model endpoints use the short variables <c>WEBGEN_CODE_ENDPOINT</c>,
/// <c>WEBGEN_CODE_MODEL</c>, <c>WEBGEN_CODE_API_KEY</c> (and <c>VISION</c>, <c>FEEDBACK</c>) or the
/// configuration keys <c>WebGen:Models:Code:Endpoint</c> etc. (environment: <c>WebGen__Models__Code__Endpoint</c>).
/// </summary>
internal sealed class CliSettings
{
    public static readonly string[] Roles = ["Code", "Vision", "Feedback"];

    private CliSettings(IConfiguration configuration)
    {
        Configuration = configuration;
        Code = Bind(configuration, "Code");
        Vision = Bind(configuration, "Vision");
        Feedback = Bind(configuration, "Feedback");
    }

    public IConfiguration Configuration { get; }

    public ModelSettings Code { get; }

    public ModelSettings Vision { get; }

    public ModelSettings Feedback { get; }

    /// <summary>The configured API keys of every model role.</summary>
    public IEnumerable<string> ApiKeys => new[] { Code, Vision, Feedback }.Select(m => m.ApiKey).Where(k => !string.IsNullOrEmpty(k)).Distinct(StringComparer.Ordinal)!;

    /// <summary>True when no code-model endpoint is configured: the offline demo pipeline runs.</summary>
    public bool IsOffline => !Code.IsConfigured;

    public static CliSettings Load(string? configFile, IReadOnlyDictionary<string, string?>? overrides)
    {
        var builder = new ConfigurationBuilder();
        if (configFile is not null)
        {
            if (!File.Exists(configFile))
            {
                throw new CliException($"The configuration file '{configFile}' does not exist.");
            }

            builder.AddJsonFile(Path.GetFullPath(configFile), optional: false, reloadOnChange: false);
        }
        else
        {
            builder.AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true, reloadOnChange: false);
        }

        builder.AddEnvironmentVariables();
        builder.AddInMemoryCollection(ShortEnvironmentVariables());
        if (overrides is not null)
        {
            builder.AddInMemoryCollection(overrides);
        }

        try
        {
            return new CliSettings(builder.Build());
        }
        catch (InvalidDataException ex)
        {
            throw new CliException("The configuration file is not valid JSON: " + ex.Message);
        }
    }

    private static IEnumerable<KeyValuePair<string, string?>> ShortEnvironmentVariables()
    {
        foreach (var role in Roles)
        {
            foreach (var (suffix, key) in new[] { ("ENDPOINT", "Endpoint"), ("MODEL", "Model"), ("API_KEY", "ApiKey") })
            {
                var value = Environment.GetEnvironmentVariable($"WEBGEN_{role.ToUpperInvariant()}_{suffix}");
                if (!string.IsNullOrWhiteSpace(value))
                {
                    yield return new($"WebGen:Models:{role}:{key}", value);
                }
            }
        }
    }

    private static ModelSettings Bind(IConfiguration configuration, string role)
    {
        var section = configuration.GetSection($"WebGen:Models:{role}");
        var endpoint = section["Endpoint"];
        Uri? uri = null;
        if (!string.IsNullOrWhiteSpace(endpoint) && (!Uri.TryCreate(endpoint, UriKind.Absolute, out uri) || uri.Scheme is not ("http" or "https")))
        {
            throw new CliException($"WebGen:Models:{role}:Endpoint ('{endpoint}') is not an http(s) URL; use for example http://127.0.0.1:8000/v1.");
        }

        return new ModelSettings { Endpoint = uri, ApiKey = section["ApiKey"], Model = section["Model"] };
    }
}
