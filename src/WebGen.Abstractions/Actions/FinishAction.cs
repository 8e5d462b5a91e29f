namespace WebGen;

/// <summary>The model says the website is done (<c>type="finish"</c>).</summary>
public sealed record class FinishAction : BoltAction;
