using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace WebGen.Training.Server;

/// <summary>Gives a server that requires an API key but was configured without one a random key (256 bits, hex).</summary>
internal sealed class GeneratedApiKey : IPostConfigureOptions<EnvironmentServerOptions>
{
    public void PostConfigure(string? name, EnvironmentServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.RequireApiKey && options.ApiKey is null)
        {
            options.ApiKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
            options.ApiKeyGenerated = true;
        }
    }
}
