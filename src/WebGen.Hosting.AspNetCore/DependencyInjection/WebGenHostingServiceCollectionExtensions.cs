using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WebGen.Hosting.Configuration;
using WebGen.Hosting.WarmUp;

namespace WebGen.Hosting;

/// <summary>Registers the hosted run queue and the warm-up.</summary>
public static class WebGenHostingServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="WebGenRunQueue"/> (a hosted service: it cancels and awaits running runs when the host stops) and the
    /// warm-up (Chromium launched and the <c>node_modules</c> template installed when the app starts), with
    /// <see cref="WebGenHostingOptions"/> validated at start-up. Needs the agent: <c>services.AddWebGenAgent(...)</c>, whose configuration overload also binds these options from <c>WebGen:Hosting</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Edits the options; optional.</param>
    public static IServiceCollection AddWebGenHosting(this IServiceCollection services, Action<WebGenHostingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebGenHostingOptions>, HostingOptionsValidator>());
        var options = services.AddOptions<WebGenHostingOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        if (services.Any(d => d.ServiceType == typeof(WebGenRunQueue)))
        {
            return services;
        }

        // Registration order is start order (and the reverse of stop order): the queue stops, and so its runs end, first.
        services.AddSingleton<WebGenWarmUp>();
        services.AddHostedService(sp => sp.GetRequiredService<WebGenWarmUp>());
        services.AddSingleton(sp => new WebGenRunQueue(
            sp.GetRequiredService<IWebGenAgent>(),
            sp.GetRequiredService<IOptions<WebGenHostingOptions>>(),
            sp.GetRequiredService<IOptions<WebGenAgentOptions>>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            (ILogger?)sp.GetService<ILogger<WebGenRunQueue>>() ?? NullLogger.Instance,
            sp.GetService<IHostApplicationLifetime>(),
            sp.GetRequiredService<WebGenWarmUp>()));
        services.AddHostedService(sp => sp.GetRequiredService<WebGenRunQueue>());
        return services;
    }
}
