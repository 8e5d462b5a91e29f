namespace WebGen;

/// <summary>The model says the screenshot looks right: run the GUI tester next (<c>type="screenshot_validated"</c>).</summary>
public sealed record class ScreenshotValidatedAction : BoltAction;
