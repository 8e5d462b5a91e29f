namespace WebGen.Bench;

/// <summary>A Web-Bench checkout or project that cannot be read; the message names the file and what to do.</summary>
public sealed class WebBenchProjectException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WebBenchProjectException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong and what to do.</param>
    public WebBenchProjectException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What is wrong and what to do.</param>
    /// <param name="innerException">The cause.</param>
    public WebBenchProjectException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
