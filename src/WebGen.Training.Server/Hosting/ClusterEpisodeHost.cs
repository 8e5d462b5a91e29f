using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using WebGen.Orleans;

namespace WebGen.Training.Server;

/// <summary>
/// Episodes on a WebGen cluster's worker silos (<see cref="WebGenClusterEnvironment"/>): the server holds none of their
/// sandboxes or browsers, so it is stateless but for the map of open episode ids. An episode whose worker dies resumes on
/// another one from its last recorded step, and the step in progress is redone with the same answer.
/// </summary>
internal sealed class ClusterEpisodeHost(IServiceProvider services) : IEpisodeHost
{
    public ISecretRedactor Redactor => services.GetService<WebGenEnvironment>()?.SecretRedactor ?? services.GetService<ISecretRedactor>() ?? SecretRedactor.None;

    public void EnsureReady()
    {
        if (services.GetService<WebGenClusterEnvironment>() is null)
        {
            throw new InvalidOperationException("The environment server fronts a cluster but no WebGenClusterEnvironment is registered: call services.AddWebGenClusterEpisodes() with an Orleans client registered.");
        }
    }

    public async Task<IServedEpisode?> StartAsync(WebGenRequest request, CancellationToken cancellationToken) =>
        await services.GetRequiredService<WebGenClusterEnvironment>().TryStartEpisodeAsync(request, cancellationToken).ConfigureAwait(false) is { } episode
            ? new Remote(episode)
            : null;

    private sealed class Remote(ClusterEnvironmentEpisode episode) : IServedEpisode
    {
        public string Id => episode.RunId;

        public int MaxSteps => episode.MaxIterations;

        public IReadOnlyList<ChatMessage> Messages => episode.Messages;

        public IReadOnlyList<StepRecord> Steps => episode.Steps;

        public Task<StepRecord> StepAsync(string output, CancellationToken cancellationToken) => episode.StepAsync(output, cancellationToken);

        public Task CompleteAsync(WebGenStopReason reason, CancellationToken cancellationToken) => episode.CompleteAsync(reason, cancellationToken);

        public ValueTask DisposeAsync() => episode.DisposeAsync();
    }
}
