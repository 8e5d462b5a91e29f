using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace WebGen.Training.Server;

/// <summary>Episodes in this process, on the registered <see cref="WebGenEnvironment"/> (its sandbox and browser).</summary>
internal sealed class LocalEpisodeHost(IServiceProvider services) : IEpisodeHost
{
    public ISecretRedactor Redactor => Environment.SecretRedactor;

    private WebGenEnvironment Environment => services.GetRequiredService<WebGenEnvironment>();

    public void EnsureReady()
    {
        try
        {
            _ = Environment;
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidOperationException(
                "The environment server needs a WebGenEnvironment: register it with services.AddWebGenAgent() and its parts (sandbox, page capturer, screenshot judge, GUI tester). " + ex.Message,
                ex);
        }
    }

    public async Task<IServedEpisode?> StartAsync(WebGenRequest request, CancellationToken cancellationToken) =>
        new Local(await Environment.StartEpisodeAsync(request, cancellationToken).ConfigureAwait(false));

    private sealed class Local(WebGenEpisode episode) : IServedEpisode
    {
        public string Id => episode.RunId;

        public int MaxSteps => episode.MaxIterations;

        public IReadOnlyList<ChatMessage> Messages => episode.Messages;

        public IReadOnlyList<StepRecord> Steps => episode.Steps;

        public Task<StepRecord> StepAsync(string output, CancellationToken cancellationToken) => episode.StepAsync(output, usage: null, cancellationToken);

        public Task CompleteAsync(WebGenStopReason reason, CancellationToken cancellationToken) => episode.CompleteAsync(reason, cancellationToken);

        public ValueTask DisposeAsync() => episode.DisposeAsync();
    }
}
