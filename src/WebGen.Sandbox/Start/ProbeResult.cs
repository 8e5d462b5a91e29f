using System.Net;

namespace WebGen.Sandbox.Start;

/// <summary>The outcome of <see cref="SiteProbe.WaitUntilAnsweringAsync"/>.</summary>
internal sealed record class ProbeResult(ProbeStatus Status, HttpStatusCode StatusCode = default, string Body = "", string? ContentType = null);
