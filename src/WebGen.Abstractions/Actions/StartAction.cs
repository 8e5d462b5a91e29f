namespace WebGen;

/// <summary>Asks the sandbox to start the site (<c>type="start"</c>). The sandbox decides the real command.</summary>
public sealed record class StartAction : BoltAction
{
    /// <summary>The command the model suggested (for example <c>npm run dev</c>).</summary>
    public string Command { get; init; } = "";
}
