namespace WebGen;

/// <summary>Checks entry and folder names of an <see cref="IRunStore"/>; shared by the stores so they accept the same names.</summary>
public static class RunStoreNames
{
    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="name"/> is a relative, '/'-separated path without empty, <c>.</c> or <c>..</c> segments.</summary>
    /// <param name="name">The entry or folder name.</param>
    /// <param name="parameter">The caller's parameter name, for the exception.</param>
    public static void ThrowIfInvalid(string name, string parameter = "name")
    {
        ArgumentNullException.ThrowIfNull(name, parameter);
        if (name.Length == 0 || name.Contains('\\', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal)
            || name.Split('/').Any(s => s.Length == 0 || s is "." or ".."))
        {
            throw new ArgumentException($"'{name}' is not a run store name: use a relative path of '/'-separated segments, none empty, '.' or '..'.", parameter);
        }
    }

    /// <summary>
    /// Checks a write batch: at least one entry, valid names, and when there are several, all directly in one folder
    /// (the shape <see cref="IRunStore.WriteAsync"/> commits atomically). Returns that folder, or null for one entry.
    /// </summary>
    /// <param name="entries">The batch.</param>
    public static string? ThrowIfInvalidBatch(IReadOnlyList<RunStoreEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            throw new ArgumentException("A run store write needs at least one entry.", nameof(entries));
        }

        foreach (var entry in entries)
        {
            ArgumentNullException.ThrowIfNull(entry, nameof(entries));
            ThrowIfInvalid(entry.Name, nameof(entries));
        }

        if (entries.Count == 1)
        {
            return null;
        }

        var folder = Folder(entries[0].Name);
        if (folder is null || entries.Any(e => Folder(e.Name) != folder) || entries.Select(e => e.Name).Distinct(StringComparer.Ordinal).Count() != entries.Count)
        {
            throw new ArgumentException("A run store write of several entries must put distinct entries directly in one folder (a step).", nameof(entries));
        }

        return folder;
    }

    private static string? Folder(string name) => name.LastIndexOf('/') is var i and > 0 ? name[..i] : null;
}
