namespace WebGen;

/// <summary>What the code model did in a step.</summary>
public enum StepKind
{
    /// <summary>Wrote files (and possibly ran commands): the site was rebuilt and screenshotted.</summary>
    Code,

    /// <summary>Emitted <c>screenshot_validated</c>: the GUI tester ran.</summary>
    Validate,

    /// <summary>Emitted <c>finish</c>: the run ended.</summary>
    Finish,

    /// <summary>The answer had no usable action.</summary>
    BadFormat,
}
