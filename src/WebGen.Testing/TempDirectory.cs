namespace WebGen.Testing;

/// <summary>A fresh directory under the system temp folder, deleted (best effort) when disposed.</summary>
public sealed class TempDirectory : IDisposable
{
    /// <summary>Creates the directory.</summary>
    /// <param name="prefix">A folder name grouping the directories of one test suite.</param>
    public TempDirectory(string prefix = "webgen-tests")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), prefix, Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    /// <summary>The directory's absolute path.</summary>
    public string Path { get; }

    /// <summary>A path inside the directory.</summary>
    /// <param name="parts">Path segments.</param>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process of the test may still hold a file; the system temp folder is cleaned eventually.
        }
        catch (UnauthorizedAccessException)
        {
            // Same: leave it to the system.
        }
    }
}
