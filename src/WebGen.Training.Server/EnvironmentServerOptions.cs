using System.ComponentModel.DataAnnotations;

namespace WebGen.Training.Server;

/// <summary>
/// Options of the environment server. Validated when the host starts: a wrong value fails start-up with a message
/// naming the option.
/// </summary>
public sealed class EnvironmentServerOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "WebGen:EnvironmentServer";

    /// <summary>The most episodes open at once (each holds a sandbox and a browser session); more get 429 with Retry-After.</summary>
    [Range(1, 10_000)]
    public int MaxConcurrentEpisodes { get; set; } = 8;

    /// <summary>An episode with no request for this long is disposed (its sandbox reaped) and removed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The step budget of an episode whose request names none (reference Step-GRPO: 5).</summary>
    [Range(1, 1000)]
    public int DefaultMaxSteps { get; set; } = 5;

    /// <summary>
    /// The IP address <see cref="WebGenEnvironmentServer.StartAsync"/> listens on (loopback by default). When it is not a
    /// loopback address, <see cref="ApiKey"/> is required. When you map the endpoints into your own app, set it to the
    /// address your app listens on so the same rule is checked.
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>The port <see cref="WebGenEnvironmentServer.StartAsync"/> listens on; 0 picks a free one.</summary>
    [Range(0, 65_535)]
    public int Port { get; set; }

    /// <summary>
    /// The key every request must carry as <c>Authorization: Bearer &lt;key&gt;</c> (compared in constant time): at least 16
    /// characters, no white space. When it is not set and <see cref="RequireApiKey"/> is on, a random key is generated
    /// when the server starts, logged once as a warning and exposed as <see cref="WebGenEnvironmentServer.ApiKey"/>.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Requires <see cref="ApiKey"/> on every request (default), so that no other program or web page on the machine can
    /// drive episodes — which run model-written code. Turning it off serves loopback clients without a key; it must be
    /// chosen explicitly, and a non-loopback <see cref="BindAddress"/> still requires a key.
    /// </summary>
    public bool RequireApiKey { get; set; } = true;

    /// <summary>
    /// Host names (as sent in the <c>Host</c> header, without the port) that requests may address, besides the loopback
    /// names <c>localhost</c>, <c>127.0.0.1</c> and <c>[::1]</c>, which are always accepted. Any other host is refused with
    /// 400, which stops DNS rebinding: a web page whose own host name was made to resolve to this machine. Add the
    /// names remote trainers use when binding to another address; <c>*</c> accepts every host.
    /// </summary>
    [Required]
    public IList<string> AllowedHosts { get; set; } = [];

    /// <summary>True when <see cref="ApiKey"/> was generated at start-up rather than configured.</summary>
    internal bool ApiKeyGenerated { get; set; }

    /// <summary>The delay suggested in the Retry-After header when the episode limit is reached.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(10);
}
