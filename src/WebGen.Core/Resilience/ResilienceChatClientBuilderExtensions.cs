using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WebGen;

/// <summary>Adds <see cref="ResilientChatClient"/> to a chat-client pipeline.</summary>
public static class ResilienceChatClientBuilderExtensions
{
    /// <summary>
    /// Adds retry with jitter (honouring Retry-After on 429/503), a per-attempt timeout and a circuit
    /// breaker. The options are validated here, so a wrong value fails at start-up. The clock and logger
    /// come from the service provider when it has a <see cref="TimeProvider"/> and an <see cref="ILoggerFactory"/>.
    /// </summary>
    /// <param name="builder">The pipeline builder; layers added before this one sit outside it.</param>
    /// <param name="configure">Adjusts the defaults.</param>
    /// <returns>The builder, for chaining.</returns>
    public static ChatClientBuilder UseWebGenResilience(this ChatClientBuilder builder, Action<ChatResilienceOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new ChatResilienceOptions();
        configure?.Invoke(options);
        options.Validated();
        return builder.Use((inner, services) => new ResilientChatClient(
            inner,
            options,
            services.GetService<TimeProvider>(),
            services.GetService<ILoggerFactory>()?.CreateLogger<ResilientChatClient>()));
    }
}
