namespace WebGen;

/// <summary>
/// Which behaviour the parts follow: the reference implementation of WebGen-Agent exactly (to reproduce published
/// numbers and train or evaluate its released checkpoints), or this project's improvements on it. Every place
/// where <see cref="Enhanced"/> differs is listed, with its reason, in <c>docs/reference-fidelity.md</c>.
/// </summary>
public enum WebGenProfile
{
    /// <summary>
    /// The default: the reference's loop, with its defects fixed and its feedback, parsing, GUI agent and judging
    /// made more informative and more robust (each difference documented).
    /// </summary>
    Enhanced,

    /// <summary>
    /// The reference implementation's behaviour: its prompts' information, parsing, action precedence, feedback,
    /// verdicts and sampling.
    /// </summary>
    Reference,
}
