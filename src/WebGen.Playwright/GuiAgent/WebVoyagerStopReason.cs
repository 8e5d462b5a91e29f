namespace WebGen.Playwright;

/// <summary>Why a <see cref="WebVoyagerAgent"/> run ended.</summary>
public enum WebVoyagerStopReason
{
    /// <summary>The model gave its final answer.</summary>
    Answered,

    /// <summary>The action limit was reached without an answer.</summary>
    ActionLimit,

    /// <summary>The model repeated the same action without effect until the limit; the run was cut short.</summary>
    RepeatedNoOp,

    /// <summary>The site could not be opened.</summary>
    NavigationFailed,

    /// <summary>The model could not be called (after the chat client's own retries).</summary>
    ModelFailed,

    /// <summary>The browser failed in a way the run could not recover from.</summary>
    BrowserFailed,
}
