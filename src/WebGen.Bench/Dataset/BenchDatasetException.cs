namespace WebGen.Bench;

/// <summary>A dataset file could not be used; <see cref="Errors"/> lists every problem with its line and field.</summary>
public sealed class BenchDatasetException : Exception
{
    /// <summary>Creates the exception for <paramref name="errors"/> found in <paramref name="source"/>.</summary>
    /// <param name="source">The file name or description of the dataset.</param>
    /// <param name="errors">The problems, at least one.</param>
    public BenchDatasetException(string source, IReadOnlyList<BenchDatasetError> errors)
        : base(Describe(source, errors))
    {
        DatasetPath = source;
        Errors = errors;
    }

    /// <summary>Creates the exception with no details.</summary>
    public BenchDatasetException()
        : this("dataset", [])
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public BenchDatasetException(string message)
        : base(message)
    {
        Errors = [];
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public BenchDatasetException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>The dataset file (or description) the problems were found in; empty when not known.</summary>
    public string DatasetPath { get; } = "";

    /// <summary>Every problem found, in line order (at most the first 50).</summary>
    public IReadOnlyList<BenchDatasetError> Errors { get; }

    private static string Describe(string source, IReadOnlyList<BenchDatasetError> errors)
    {
        if (errors.Count == 0)
        {
            return $"The dataset '{source}' is not valid.";
        }

        var lines = errors.Take(10).Select(e => "  " + e);
        var more = errors.Count > 10 ? $"{Environment.NewLine}  … and {errors.Count - 10} more" : "";
        return $"The dataset '{source}' has {errors.Count} problem(s); fix them or select other tasks:{Environment.NewLine}{string.Join(Environment.NewLine, lines)}{more}";
    }
}
