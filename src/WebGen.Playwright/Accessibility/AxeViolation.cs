namespace WebGen.Playwright;

/// <summary>One violation as returned by <see cref="PageScripts.RunAxe"/>; property names match the script's object.</summary>
internal sealed class AxeViolation
{
    public string Id { get; set; } = "";

    public string Impact { get; set; } = "";

    public string Description { get; set; } = "";

    public int Nodes { get; set; }

    public string[] Targets { get; set; } = [];
}
