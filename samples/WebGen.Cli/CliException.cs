namespace WebGen.Cli;

/// <summary>A user-facing error: printed as is, exit code 2.</summary>
internal sealed class CliException(string message) : Exception(message);
