namespace WebGen;

/// <summary>Opens the <see cref="IRunStore"/> of a run; <see cref="WebGenComponents.RunStores"/> chooses where episodes checkpoint.</summary>
public interface IRunStoreFactory
{
    /// <summary>Opens the store of one run.</summary>
    /// <param name="runId">The run id (the key of a networked store).</param>
    /// <param name="runDirectory">The run's local directory (the file store's location; the workspace lives in it either way).</param>
    IRunStore Open(string runId, string runDirectory);
}
