using System.CommandLine;

namespace WebGen.Cli;

/// <summary><c>--cluster redis://host:port</c>: where the cluster's membership and shared run store live.</summary>
internal static class ClusterAddress
{
    public static Option<string?> Option() => new("--cluster")
    {
        Description = "Run on a WebGen cluster instead of locally: redis://host:port of the Redis that holds its membership and run store (start workers with `webgen silo`).",
    };

    public static Option<string> IdOption() => new("--cluster-id")
    {
        Description = "The cluster's id within that Redis (default webgen).",
        DefaultValueFactory = _ => "webgen",
    };

    /// <summary>The StackExchange.Redis configuration string of a <c>redis://host[:port][/db]</c> address.</summary>
    public static string ToRedisConfiguration(string address)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme != "redis" || string.IsNullOrEmpty(uri.Host))
        {
            throw new CliException($"--cluster '{address}' is not a Redis address: use redis://host:port (for example redis://127.0.0.1:6379).");
        }

        var configuration = uri.Host + ":" + (uri.IsDefaultPort || uri.Port < 0 ? 6379 : uri.Port);
        var db = uri.AbsolutePath.Trim('/');
        if (db.Length > 0)
        {
            configuration += int.TryParse(db, out var n) && n >= 0 ? ",defaultDatabase=" + db : throw new CliException($"--cluster '{address}': the path must be a database number.");
        }

        return configuration + ",abortConnect=false";
    }
}
