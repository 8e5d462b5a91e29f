using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace WebGen.Cli;

/// <summary>The cluster a command submits to (<c>--cluster</c>, <c>--cluster-id</c>).</summary>
internal sealed record class ClusterTarget(string Address, string Id)
{
    public static ClusterTarget? From(string? address, string? id) => address is null ? null : new ClusterTarget(address, id ?? "webgen");

    /// <summary>Connects; completed runs land in the pipeline's runs directory, as local runs do.</summary>
    public Task<ClusterConnection> ConnectAsync(CliPipeline pipeline, TextWriter output, CancellationToken cancellationToken)
        => ClusterConnection.ConnectAsync(Address, Id, Path.GetFullPath(pipeline.Services.GetRequiredService<IOptions<WebGenAgentOptions>>().Value.RunsDirectory), output, cancellationToken);
}
