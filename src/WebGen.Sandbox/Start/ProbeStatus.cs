namespace WebGen.Sandbox.Start;

/// <summary>How waiting for a server ended.</summary>
internal enum ProbeStatus
{
    /// <summary>The server answered HTTP.</summary>
    Answered,

    /// <summary>The server process exited first.</summary>
    Exited,

    /// <summary>Nothing answered within the time limit.</summary>
    TimedOut,
}
