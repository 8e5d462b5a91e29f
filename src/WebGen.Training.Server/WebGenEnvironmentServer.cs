using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace WebGen.Training.Server;

/// <summary>
/// The environment server as a ready-made Kestrel app, for trainers that embed it: bound to
/// <see cref="EnvironmentServerOptions.BindAddress"/> (127.0.0.1 by default) and <see cref="EnvironmentServerOptions.Port"/>
/// (0 picks a free port), with problem responses for unknown routes and unhandled errors. Dispose it to stop the server
/// and dispose every open episode.
/// </summary>
public sealed class WebGenEnvironmentServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebGenEnvironmentServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>The address the server listens on, for example <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>
    /// The key trainers must send as <c>Authorization: Bearer &lt;key&gt;</c>: the configured one, or the one generated at
    /// start-up; null only when <see cref="EnvironmentServerOptions.RequireApiKey"/> was turned off and none was set.
    /// </summary>
    public string? ApiKey => _app.Services.GetRequiredService<IOptions<EnvironmentServerOptions>>().Value.ApiKey;

    /// <summary>The app's services (the registered <see cref="WebGenEnvironment"/>, options, …).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Builds and starts the server. <paramref name="configureServices"/> registers the environment:
    /// <c>services.AddWebGenAgent(...)</c> with its parts (sandbox, page capturer, screenshot judge, GUI tester), and
    /// optionally logging, a <see cref="TimeProvider"/> or an <see cref="IStepRewardAdapter"/>.
    /// </summary>
    /// <param name="configureServices">Registers the environment and anything else the server should use.</param>
    /// <param name="configureOptions">Edits the server options; optional.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <returns>The running server.</returns>
    /// <exception cref="OptionsValidationException">An option is invalid (for example no API key for a non-loopback address).</exception>
    /// <exception cref="InvalidOperationException">No <see cref="WebGenEnvironment"/> can be built from the registered services.</exception>
    public static async Task<WebGenEnvironmentServer> StartAsync(
        Action<IServiceCollection> configureServices,
        Action<EnvironmentServerOptions>? configureOptions = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configureServices);

        // The empty builder reads no appsettings.json or ASPNETCORE_* variables of the embedding process: the trainer's
        // code alone decides where the server listens.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.Services.AddRoutingCore();
        builder.Services.AddProblemDetails();
        configureServices(builder.Services);
        builder.Services.AddWebGenEnvironmentServer(configureOptions);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var options = kestrel.ApplicationServices.GetRequiredService<IOptions<EnvironmentServerOptions>>().Value;
            kestrel.Listen(IPAddress.Parse(options.BindAddress), options.Port);
        });

        var app = builder.Build();
        try
        {
            // Resolving the options validates them, so a bad configuration fails here, before any socket is opened.
            _ = app.Services.GetRequiredService<IOptions<EnvironmentServerOptions>>().Value;
            app.UseExceptionHandler();
            app.UseStatusCodePages();
            app.UseWebSockets();
            app.MapWebGenEnvironment();
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            return new WebGenEnvironmentServer(app, new Uri(address.EndsWith('/') ? address : address + "/"));
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops the server: running steps are cancelled and every open episode is disposed.</summary>
    /// <param name="cancellationToken">Ends the graceful wait for in-flight requests.</param>
    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
