namespace WebGen;

/// <summary>A shell action ran or was refused.</summary>
public sealed record class ShellCommandEvent : WebGenEvent
{
    /// <summary>The outcome.</summary>
    public required ShellCommandResult Result { get; init; }
}
