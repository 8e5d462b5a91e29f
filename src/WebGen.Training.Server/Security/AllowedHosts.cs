namespace WebGen.Training.Server;

/// <summary>
/// The host names a request's <c>Host</c> header may name: the loopback names and the configured ones. A browser sends
/// the page's own host name, so a hostile page whose DNS name was re-pointed at 127.0.0.1 (DNS rebinding) is refused
/// even though its requests reach the server.
/// </summary>
internal sealed class AllowedHosts
{
    private static readonly string[] Loopback = ["localhost", "127.0.0.1", "::1"];

    private readonly HashSet<string> _names;
    private readonly bool _any;

    public AllowedHosts(IEnumerable<string> configured)
    {
        var names = configured.Select(Normalise).ToList();
        _any = names.Contains("*");
        _names = new HashSet<string>(Loopback.Concat(names), StringComparer.Ordinal);
    }

    public bool Allows(string host) => _any || _names.Contains(Normalise(host));

    // "LocalHost.", "[::1]" → "localhost", "::1".
    private static string Normalise(string host) => host.Trim().TrimStart('[').TrimEnd(']').TrimEnd('.').ToLowerInvariant();
}
