using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;

namespace WebGen.Agents;

/// <summary>
/// The WebGen agent as a Microsoft Agent Framework <see cref="AIAgent"/>. The instruction is the text of the last message that
/// has text (the user's request, or what the previous agent of a workflow wrote). The answer is one assistant message: a summary
/// (run id, chosen step and why, grades, the site's directory and files) and the chosen step's screenshot as PNG
/// <see cref="DataContent"/>; its <see cref="AgentResponse.RawRepresentation"/> is the <see cref="WebGenResult"/>. Streaming
/// yields one update per step (its <see cref="AgentResponseUpdate.RawRepresentation"/> is the <see cref="WebGenEvent"/>), then the answer.
/// </summary>
public sealed class WebGenAIAgent : AIAgent
{
    private readonly IWebGenAgent _agent;
    private readonly string _name;
    private readonly string _description;

    /// <summary>Wraps <paramref name="agent"/>.</summary>
    /// <param name="agent">The WebGen agent (from <c>services.AddWebGenAgent(...)</c>, or constructed directly).</param>
    /// <param name="name">The agent's name in workflows; <c>webgen</c> by default.</param>
    /// <param name="description">What it does, for orchestrators that choose agents; a default says it builds websites.</param>
    public WebGenAIAgent(IWebGenAgent agent, string? name = null, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(agent);
        _agent = agent;
        _name = name ?? "webgen";
        _description = description ?? "Builds a working website (React + Vite) from a plain-language request: writes the code, runs it, looks at screenshots, tests it through its GUI and fixes what it finds. Answers with the chosen site's location, files, grades and a screenshot.";
    }

    /// <inheritdoc />
    public override string? Name => _name;

    /// <inheritdoc />
    public override string? Description => _description;

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(_agent) ? _agent : base.GetService(serviceType, serviceKey);
    }

    /// <inheritdoc />
    protected override ValueTask<AgentSession> CreateSessionCoreAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<AgentSession>(new WebGenAgentSession());

    /// <inheritdoc />
    protected override ValueTask<JsonElement> SerializeSessionCoreAsync(AgentSession session, JsonSerializerOptions? jsonSerializerOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        return ValueTask.FromResult(session.StateBag.Serialize());
    }

    /// <inheritdoc />
    protected override ValueTask<AgentSession> DeserializeSessionCoreAsync(JsonElement serializedState, JsonSerializerOptions? jsonSerializerOptions = null, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<AgentSession>(new WebGenAgentSession(AgentSessionStateBag.Deserialize(serializedState)));

    /// <inheritdoc />
    protected override async Task<AgentResponse> RunCoreAsync(IEnumerable<ChatMessage> messages, AgentSession? session = null, AgentRunOptions? options = null, CancellationToken cancellationToken = default)
    {
        WebGenResult? result = null;
        await foreach (var e in Events(messages, session, options, cancellationToken).ConfigureAwait(false))
        {
            if (e is RunCompletedEvent done)
            {
                result = done.Result;
            }
        }

        var message = Answer(result ?? throw new InvalidOperationException("The WebGen agent's event stream ended without a result."));
        return new AgentResponse(message) { AgentId = Id, ResponseId = result.RunId, Usage = result.Usage, RawRepresentation = result, CreatedAt = message.CreatedAt };
    }

    /// <inheritdoc />
    protected override async IAsyncEnumerable<AgentResponseUpdate> RunCoreStreamingAsync(IEnumerable<ChatMessage> messages, AgentSession? session = null, AgentRunOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var e in Events(messages, session, options, cancellationToken).ConfigureAwait(false))
        {
            if (e is RunCompletedEvent done)
            {
                var answer = Answer(done.Result);
                yield return new AgentResponseUpdate(ChatRole.Assistant, answer.Contents)
                {
                    AgentId = Id,
                    AuthorName = _name,
                    ResponseId = done.RunId,
                    MessageId = done.RunId,
                    CreatedAt = done.Timestamp,
                    RawRepresentation = done,
                };
            }
            else if (Progress(e) is { } line)
            {
                yield return new AgentResponseUpdate(ChatRole.Assistant, [new TextReasoningContent(line + "\n")])
                {
                    AgentId = Id,
                    AuthorName = _name,
                    ResponseId = e.RunId,
                    CreatedAt = e.Timestamp,
                    RawRepresentation = e,
                };
            }
        }
    }

    private async IAsyncEnumerable<WebGenEvent> Events(IEnumerable<ChatMessage> messages, AgentSession? session, AgentRunOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (session is not null and not WebGenAgentSession)
        {
            throw new ArgumentException($"The session was created by another agent ({session.GetType().Name}); create one with this agent's CreateSessionAsync.", nameof(session));
        }

        var webGen = options as WebGenAgentRunOptions;
        IAsyncEnumerable<WebGenEvent> events;
        if (webGen?.ResumeRunDirectory is { } directory)
        {
            events = _agent.ResumeStreamingAsync(directory, cancellationToken);
        }
        else
        {
            var instruction = messages.LastOrDefault(m => !string.IsNullOrWhiteSpace(m.Text))?.Text.Trim()
                ?? throw new ArgumentException("No message has text: send the website request as a message.", nameof(messages));
            events = _agent.RunStreamingAsync(new WebGenRequest { Instruction = instruction, MaxIterations = webGen?.MaxIterations, RunId = webGen?.RunId }, cancellationToken);
        }

        await foreach (var e in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (e is RunStartedEvent started)
            {
                // Remembered as soon as the run directory exists, so a cancelled run can be resumed from the session.
                (session as WebGenAgentSession)?.Remember(started.RunId, started.RunDirectory);
            }

            yield return e;
        }
    }

    private ChatMessage Answer(WebGenResult result)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"WebGen run {result.RunId} ended ({result.StopReason}) after {result.Steps.Count} steps.");
        if (result.Chosen is { } chosen)
        {
            text.Append(CultureInfo.InvariantCulture, $" Chosen step {chosen.Step}: screenshot {chosen.ScreenshotGrade}/5, GUI {chosen.GuiGrade}/5. {result.SelectionReason}");
            text.Append(CultureInfo.InvariantCulture, $"\nThe site is in {result.WorkspacePath} ({result.Files.Count} files: {string.Join(", ", result.Files.Select(f => f.Path).Take(20))}{(result.Files.Count > 20 ? ", …" : "")}).");
        }
        else
        {
            text.Append(" No step produced a site.");
        }

        List<AIContent> contents = [new TextContent(text.ToString())];
        if (result.Chosen is { } best && ScreenshotOf(result.Steps, best.Step) is { } capture)
        {
            contents.Add(new DataContent(capture.Png, "image/png") { Name = $"step-{best.Step}.png" });
        }

        return new ChatMessage(ChatRole.Assistant, contents) { AuthorName = _name, MessageId = result.RunId, RawRepresentation = result };
    }

    /// <summary>The screenshot of the site as of <paramref name="step"/>: its own, or that of the code step it continued from.</summary>
    private static PageCapture? ScreenshotOf(IReadOnlyList<StepRecord> steps, int step)
    {
        var byStep = steps.ToDictionary(s => s.Node.Step);
        for (int? current = step; current is { } n && byStep.TryGetValue(n, out var record); current = record.Node.Parent)
        {
            if (record.Capture is { Succeeded: true } capture)
            {
                return capture;
            }
        }

        return null;
    }

    private static string? Progress(WebGenEvent e) => e switch
    {
        RunStartedEvent started => (started.IsResume ? "Resumed run " : "Started run ") + started.RunId,
        StepStartedEvent step => string.Create(CultureInfo.InvariantCulture, $"Step {step.Step}: asking the code model"),
        StepCompletedEvent completed => string.Create(CultureInfo.InvariantCulture, $"Step {completed.Step}: {completed.Record.Node.Kind}, screenshot {completed.Record.Node.ScreenshotGrade}/5, GUI {completed.Record.Node.GuiGrade}/5")
            + (completed.Record.Node.HasError ? " — " + string.Join("; ", completed.Record.Node.Errors) : ""),
        BacktrackedEvent back => "Backtracked: " + back.Reason,
        _ => null,
    };
}
