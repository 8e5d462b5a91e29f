namespace WebGen.Sandbox.Start;

/// <summary>A page script or module the server failed to serve: which, the HTTP status, and the server's message.</summary>
internal sealed record class ModuleFailure(string Path, int StatusCode, string Message);
