namespace WebGen;

/// <summary>How <see cref="IRunStore.WriteAsync"/> treats entries that exist.</summary>
public enum RunStoreWriteMode
{
    /// <summary>Replace them (state, result).</summary>
    Replace,

    /// <summary>Write nothing when the batch's first entry exists (manifest, steps, content-addressed blobs).</summary>
    CreateNew,
}
