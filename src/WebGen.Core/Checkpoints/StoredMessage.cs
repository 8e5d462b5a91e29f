namespace WebGen;

/// <summary>A chat message as stored in a run directory (the code model's history is text only).</summary>
internal sealed record class StoredMessage(string Role, string Text);
