using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace WebGen.Training.Server;

/// <summary>
/// Guards every endpoint. First the <c>Host</c> header must name this machine or a configured host (against DNS
/// rebinding). Then, with an API key, a request needs <c>Authorization: Bearer &lt;key&gt;</c>; the key is compared in
/// constant time (both sides hashed first, so not even its length leaks). Without a key (only when the caller turned
/// <see cref="EnvironmentServerOptions.RequireApiKey"/> off), only loopback clients are served, whatever address the
/// hosting app listens on.
/// </summary>
internal sealed class ApiKeyEndpointFilter : IEndpointFilter
{
    private const string Scheme = "Bearer ";
    private readonly byte[]? _keyHash;
    private readonly AllowedHosts _hosts;
    private readonly ILogger _logger;

    public ApiKeyEndpointFilter(string? apiKey, IEnumerable<string> allowedHosts, ILogger<ApiKeyEndpointFilter> logger)
    {
        _keyHash = apiKey is null ? null : SHA256.HashData(Encoding.UTF8.GetBytes(apiKey));
        _hosts = new AllowedHosts(allowedHosts);
        _logger = logger;
    }

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        return Check(context.HttpContext) is { } problem ? ValueTask.FromResult<object?>(problem) : next(context);
    }

    /// <summary>The problem to answer with, or null when the request may proceed.</summary>
    public IResult? Check(HttpContext context) => CheckHost(context) ?? CheckKey(context);

    /// <summary>The host check alone, for endpoints that need no key (the health check): null when the host is allowed.</summary>
    public IResult? CheckHost(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var host = context.Request.Host;
        if (!host.HasValue || !_hosts.Allows(host.Host))
        {
            Log.RequestRejected(_logger, context.Request.Path, context.Connection.RemoteIpAddress?.ToString() ?? "?", $"Host header '{host.Value}' is not an allowed host");
            return Problems.Create(
                StatusCodes.Status400BadRequest,
                "Host not allowed",
                $"This environment server does not answer requests for the host '{host.Value}'. Address it as localhost or 127.0.0.1, or add the host name to EnvironmentServerOptions.AllowedHosts.");
        }

        return null;
    }

    private IResult? CheckKey(HttpContext context)
    {
        if (_keyHash is null)
        {
            var remote = context.Connection.RemoteIpAddress;
            if (remote is null || IsLoopback(remote))
            {
                return null;
            }

            Log.RequestRejected(_logger, context.Request.Path, remote.ToString(), "not a loopback client and no API key is configured");
            return Problems.Create(
                StatusCodes.Status403Forbidden,
                "Loopback only",
                "This environment server runs without an API key (RequireApiKey is off), so it serves only clients on this machine. Configure EnvironmentServerOptions.ApiKey to accept remote trainers.");
        }

        string header = context.Request.Headers.Authorization.ToString();
        var provided = header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? header[Scheme.Length..].Trim() : null;
        if (provided is { Length: > 0 } && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(provided)), _keyHash))
        {
            return null;
        }

        Log.RequestRejected(_logger, context.Request.Path, context.Connection.RemoteIpAddress?.ToString() ?? "?", provided is null ? "no bearer token" : "wrong API key");
        context.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        return Problems.Create(
            StatusCodes.Status401Unauthorized,
            "Unauthorized",
            provided is null
                ? "This environment server requires an API key: send the header 'Authorization: Bearer <key>'."
                : "The API key in the Authorization header is not the one this server was configured with.");
    }

    private static bool IsLoopback(IPAddress address) => IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
}
