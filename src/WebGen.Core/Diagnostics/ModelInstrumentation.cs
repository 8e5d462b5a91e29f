using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace WebGen;

/// <summary>
/// Wraps each model client once in Microsoft.Extensions.AI's OpenTelemetry client (GenAI semantic conventions), so the
/// code, vision and feedback calls appear as <c>chat</c> spans with token counts under the run's span.
/// </summary>
internal sealed class ModelInstrumentation(IServiceProvider services, ILoggerFactory? loggerFactory = null)
{
    private readonly ConditionalWeakTable<IChatClient, IChatClient> _wrapped = [];

    public IChatClient Instrument(IChatClient client) =>
        client.GetService<OpenTelemetryChatClient>() is not null
            ? client
            : _wrapped.GetValue(client, inner => inner.AsBuilder().UseOpenTelemetry(loggerFactory, WebGenTelemetry.ModelsSourceName).Build(services));
}
