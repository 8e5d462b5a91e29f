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
    /// When set, every request needs <c>Authorization: Bearer &lt;key&gt;</c> (compared in constant time). Required when
    /// <see cref="BindAddress"/> is not loopback; at least 16 characters, no white space. Without a key the server answers
    /// only loopback clients.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>The delay suggested in the Retry-After header when the episode limit is reached.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(10);
}
