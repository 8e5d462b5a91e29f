namespace WebGen.Orleans;

/// <summary>
/// Copies a run the cluster completed from the shared store into a local run directory (checkpoints in the file
/// format, the chosen site in <c>workspace/</c>), so a client's results, run directories and reports have the same form
/// as a local run's.
/// </summary>
internal static class RunMirror
{
    private static readonly string[] TopEntries = ["run.json", "state.json", "result.json"];

    public static async Task<WebGenResult> CopyAsync(IRunStore source, string runDirectory, WebGenResult result, CancellationToken cancellationToken)
    {
        var target = new FileRunStore(runDirectory);
        foreach (var step in await source.ListAsync("steps", cancellationToken).ConfigureAwait(false))
        {
            var folder = "steps/" + step;
            var entries = new List<RunStoreEntry>();
            foreach (var name in await source.ListAsync(folder, cancellationToken).ConfigureAwait(false))
            {
                entries.Add(new RunStoreEntry { Name = folder + "/" + name, Content = await ReadAsync(source, folder + "/" + name, cancellationToken).ConfigureAwait(false) });
            }

            if (entries.Count > 0)
            {
                await target.WriteAsync(entries, RunStoreWriteMode.Replace, cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (var prefix in await source.ListAsync("blobs", cancellationToken).ConfigureAwait(false))
        {
            foreach (var hash in await source.ListAsync("blobs/" + prefix, cancellationToken).ConfigureAwait(false))
            {
                var name = "blobs/" + prefix + "/" + hash;
                await target.WriteAsync([new RunStoreEntry { Name = name, Content = await ReadAsync(source, name, cancellationToken).ConfigureAwait(false) }], RunStoreWriteMode.CreateNew, cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (var name in TopEntries)
        {
            if (await source.ReadAsync(name, cancellationToken).ConfigureAwait(false) is { } content)
            {
                await target.WriteAsync([new RunStoreEntry { Name = name, Content = content }], RunStoreWriteMode.Replace, cancellationToken).ConfigureAwait(false);
            }
        }

        var workspace = Path.Combine(target.Root, "workspace");
        Directory.CreateDirectory(workspace);
        foreach (var file in result.Files)
        {
            if (WorkspaceWriter.TryResolve(workspace, file.Path, out _, out var full, out _))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                await File.WriteAllTextAsync(full, file.Content, cancellationToken).ConfigureAwait(false);
            }
        }

        return result with { RunDirectory = target.Root, WorkspacePath = workspace };
    }

    private static async Task<byte[]> ReadAsync(IRunStore source, string name, CancellationToken cancellationToken)
        => await source.ReadAsync(name, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Run store '{source}' lost '{name}' while it was copied.");
}
