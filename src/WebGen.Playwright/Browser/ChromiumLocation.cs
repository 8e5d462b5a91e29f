namespace WebGen.Playwright;

/// <summary>A Chromium binary and the search step that found it.</summary>
/// <param name="Path">The binary.</param>
/// <param name="Source">Where it was found, for logs.</param>
internal sealed record class ChromiumLocation(string Path, string Source);
