namespace WebGen.Packaging.Tests;

/// <summary>The exit code and the interleaved stdout and stderr of a finished child process.</summary>
internal sealed record ProcessOutcome(int ExitCode, string Output);
