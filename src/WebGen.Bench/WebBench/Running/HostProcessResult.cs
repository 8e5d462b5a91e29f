namespace WebGen.Bench;

/// <summary>How a <see cref="HostProcess"/> ended.</summary>
internal sealed record class HostProcessResult
{
    public int? ExitCode { get; init; }

    public bool TimedOut { get; init; }

    public string Output { get; init; } = "";

    public TimeSpan Duration { get; init; }

    public bool Succeeded => ExitCode == 0;

    public string Tail(int lines = 40) => string.Join('\n', Output.Split('\n').TakeLast(lines)).Trim();
}
