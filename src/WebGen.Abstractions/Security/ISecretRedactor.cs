namespace WebGen;

/// <summary>
/// Removes secrets (API keys, tokens, any value the caller marks secret) from text before it is stored or sent back
/// to a model: step records, chat messages and feedback, checkpoints, reports, exported trajectories, server
/// responses and benchmark results all pass through one.
/// </summary>
public interface ISecretRedactor
{
    /// <summary>Returns <paramref name="text"/> with every secret replaced.</summary>
    /// <param name="text">Any text: model output, a process's output, a page's text, an error message.</param>
    string Redact(string text);
}
