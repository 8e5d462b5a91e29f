using Microsoft.Extensions.Logging;

namespace WebGen;

/// <summary>What the episode hands a new <see cref="StepContext"/>.</summary>
internal sealed record class StepContextInputs(
    string RunId,
    int Step,
    StepKind Kind,
    string Instruction,
    string GuiTestInstruction,
    string WorkspacePath,
    string ModelOutput,
    BoltParseResult Parse,
    StepNode? Parent,
    WebGenAgentOptions Options,
    WebGenComponents Components,
    ISandboxSession Session,
    TimeProvider TimeProvider,
    ILogger Logger,
    WebGenMetrics Metrics);
