using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace WebGen;

/// <summary>
/// The world the code model acts in: it turns model answers into steps (files written, site run,
/// screenshot judged, GUI tested, feedback composed) and checkpoints them. <see cref="WebGenAgent"/>
/// drives it with a code model; trainers drive it turn by turn with their own policy.
/// </summary>
public sealed class WebGenEnvironment
{
    /// <summary>The GUI-test instruction used when planning fails.</summary>
    public const string FallbackGuiTestInstruction = "Verify that the page renders without errors and that its main functions work: use the navigation, buttons, forms and inputs a user would use.";

    private readonly ILoggerFactory _loggerFactory;

    /// <summary>Creates an environment over the given parts.</summary>
    /// <param name="components">The sandbox, capturer, judge, scorers, GUI tester and step selector.</param>
    /// <param name="options">Loop options; defaults when null. Invalid options throw <see cref="ArgumentException"/>.</param>
    /// <param name="loggerFactory">Logging; none when null.</param>
    /// <param name="timeProvider">The clock; the system clock when null.</param>
    /// <param name="meterFactory">Makes the <c>WebGen.Core</c> meter (see <see cref="WebGenTelemetry"/>); a process-wide meter when null.</param>
    public WebGenEnvironment(WebGenComponents components, WebGenAgentOptions? options = null, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(components);
        Options = options ?? new WebGenAgentOptions();
        WebGenAgentOptionsValidator.ThrowIfInvalid(Options);
        if (components.StepStages is null || components.StepStages.Any(s => s is null))
        {
            throw new ArgumentException("WebGenComponents.StepStages must list the step's stages without nulls (DefaultStepStages.Create() for the built-in ones).", nameof(components));
        }

        Components = components;
        ISecretRedactor[] redactors = [.. new[] { components.SecretRedactor, new SecretRedactor(Options.SecretValues) }.Where(r => !JsonRedaction.IsNoOp(r)).OfType<ISecretRedactor>()];
        SecretRedactor = redactors.Length switch
        {
            0 => WebGen.SecretRedactor.None,
            1 => redactors[0],
            _ => new CompositeSecretRedactor(redactors),
        };
        Pipeline = StepPipeline.Build(components.StepStages);
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        TimeProvider = timeProvider ?? TimeProvider.System;
        Metrics = WebGenMetrics.Create(meterFactory);
    }

    /// <summary>The agent's instruments.</summary>
    internal WebGenMetrics Metrics { get; }

    /// <summary>The parts steps run with.</summary>
    public WebGenComponents Components { get; }

    /// <summary>The loop options.</summary>
    public WebGenAgentOptions Options { get; }

    /// <summary>The clock.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The step's stages composed into one delegate.</summary>
    internal StepStageHandler Pipeline { get; }

    /// <summary>
    /// What every episode redacts from the records, messages, events and checkpoints it produces:
    /// <see cref="WebGenComponents.SecretRedactor"/> and <see cref="WebGenAgentOptions.SecretValues"/>. Hosts that return
    /// anything else they build (error messages, for example) pass it through this as well.
    /// </summary>
    public ISecretRedactor SecretRedactor { get; }

    /// <summary>
    /// Starts an episode: creates the run directory, writes the project it continues (if any) into the workspace through
    /// the workspace jail, plans the GUI test once, checkpoints the manifest and opens a sandbox session.
    /// </summary>
    /// <param name="request">The website request.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <exception cref="ArgumentException">The instruction is empty, the run id has characters other than letters, digits, '-' and '_', or the starting files cannot be read or written (the message names each file and why).</exception>
    /// <exception cref="InvalidOperationException">The run directory already holds a run.</exception>
    public async Task<WebGenEpisode> StartEpisodeAsync(WebGenRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Instruction))
        {
            throw new ArgumentException("The website instruction is empty; describe the website to build.", nameof(request));
        }

        if (request.MaxIterations is < 1)
        {
            throw new ArgumentException("WebGenRequest.MaxIterations must be at least 1 when set.", nameof(request));
        }

        if (request.Temperature is < 0 or > 2 || request.Temperature is { } t && float.IsNaN(t))
        {
            throw new ArgumentException("WebGenRequest.Temperature must be between 0 and 2 when set.", nameof(request));
        }

        if (request.TopP is <= 0 or > 1 || request.TopP is { } p && float.IsNaN(p))
        {
            throw new ArgumentException("WebGenRequest.TopP must be greater than 0 and at most 1 when set.", nameof(request));
        }

        var now = TimeProvider.GetUtcNow();
        var runId = request.RunId ?? now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];
        if (runId.Length == 0 || runId.Length > 100 || !runId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException($"Run id '{runId}' is invalid: use 1–100 letters, digits, '-' or '_'.", nameof(request));
        }

        var store = OpenStore(runId, request.RunDirectory ?? Path.Combine(Options.RunsDirectory, runId));
        if (await store.HasManifestAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"'{store.Store}' already holds a run; resume it with ResumeAsync or choose another run directory.");
        }

        // A project to continue is read, checked and written before anything else happens, so bad input fails at once.
        var starting = StartingProject.IsRequested(request) ? StartingProject.Gather(request, Options.Workspace, cancellationToken) : null;
        var createdWorkspace = !Directory.Exists(store.WorkspacePath);
        Directory.CreateDirectory(store.WorkspacePath);
        IReadOnlyList<WorkspaceFile> startingFiles = [];
        if (starting is not null)
        {
            try
            {
                startingFiles = await StartingProject.WriteAsync(store.WorkspacePath, starting, Options.Workspace, cancellationToken).ConfigureAwait(false);
            }
            catch (ArgumentException) when (createdWorkspace)
            {
                Directory.Delete(store.WorkspacePath, recursive: true);
                throw;
            }

            startingFiles = JsonRedaction.IsNoOp(SecretRedactor) ? startingFiles : [.. startingFiles.Select(f => f with { Content = SecretRedactor.Redact(f.Content) })];
            await store.WriteStartingFilesAsync(startingFiles, cancellationToken).ConfigureAwait(false);
        }

        var logger = _loggerFactory.CreateLogger<WebGenEpisode>();

        GuiTestPlan plan;
        try
        {
            plan = await Components.GuiTester.PlanAsync(request.Instruction, cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrWhiteSpace(plan.Instruction))
            {
                plan = new GuiTestPlan { Instruction = FallbackGuiTestInstruction, IsFallback = true, Usage = plan.Usage };
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.PlanFailed(logger, ex);
            plan = new GuiTestPlan { Instruction = FallbackGuiTestInstruction, IsFallback = true };
        }

        var manifest = JsonRedaction.Redact(SecretRedactor, new RunManifest
        {
            RunId = runId,
            Instruction = request.Instruction,
            SystemPrompt = CodeModelPrompts.SystemPromptFor(Options.Profile),
            Profile = Options.Profile,
            Temperature = request.Temperature ?? LoopRules.CodeModelTemperature(Options),
            TopP = request.TopP,
            GuiTestInstruction = plan.Instruction,
            GuiTestInstructionIsFallback = plan.IsFallback,
            MaxIterations = request.MaxIterations ?? Options.MaxIterations,
            ErrorLimit = Options.ErrorLimit,
            CreatedAt = now,
            Labels = request.Labels,
            StartingFileCount = startingFiles.Count,
            StartingContext = starting is null ? null : StartingProject.Describe(startingFiles, request.Instruction, Options.StartingContextCharacters),
        }, RunCheckpointStore.Json);
        await store.WriteManifestAsync(manifest, cancellationToken).ConfigureAwait(false);
        var usage = new UsageAccumulator();
        usage.Add(plan.Usage);
        var state = new RunState { Usage = usage.Snapshot() };
        await store.WriteStateAsync(state, cancellationToken).ConfigureAwait(false);

        var session = await Components.Sandbox.OpenSessionAsync(new SandboxSessionRequest { WorkspacePath = store.WorkspacePath, EpisodeId = runId }, cancellationToken).ConfigureAwait(false);
        Log.RunStarted(logger, runId, store.Root);
        return new WebGenEpisode(this, store, manifest, [], state, InitialMessages(manifest), session, logger, isResume: false);
    }

    /// <summary>
    /// Reopens an episode from its run directory at its last completed step: the workspace and the chat
    /// history are restored to the current node; nothing already done is redone. With a networked
    /// <see cref="WebGenComponents.RunStores"/> the checkpoints come from that store (keyed by the directory's name, the
    /// run id in the default layout <c>RunsDirectory/&lt;run id&gt;</c>) and the workspace is rebuilt in the directory,
    /// so any worker can resume a run another one started.
    /// </summary>
    /// <param name="runDirectory">The run directory.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <exception cref="InvalidOperationException">The directory holds no run or a damaged one, or a run of another profile.</exception>
    public async Task<WebGenEpisode> ResumeEpisodeAsync(string runDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runDirectory);
        var store = OpenStore(Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(runDirectory))), runDirectory);
        var checkpoint = await store.LoadAsync(cancellationToken).ConfigureAwait(false);
        if (checkpoint.Manifest.Profile != Options.Profile)
        {
            throw new InvalidOperationException($"The run in '{store.Root}' follows the {checkpoint.Manifest.Profile} profile; resume it with WebGenAgentOptions.Profile = {checkpoint.Manifest.Profile} (this agent uses {Options.Profile}).");
        }

        var logger = _loggerFactory.CreateLogger<WebGenEpisode>();
        var nodes = checkpoint.Steps.ToDictionary(s => s.Node.Step, s => s.Node);
        var current = checkpoint.State.CurrentNode;
        var initial = InitialMessages(checkpoint.Manifest);
        var messages = current is { } node ? await store.ReadMessagesAsync(node, nodes, initial, cancellationToken).ConfigureAwait(false) : initial;
        var files = await store.ReadFilesAsync(current, nodes, cancellationToken).ConfigureAwait(false);
        await WorkspaceSnapshot.RestoreAsync(store.WorkspacePath, files, cancellationToken).ConfigureAwait(false);

        var session = await Components.Sandbox.OpenSessionAsync(new SandboxSessionRequest { WorkspacePath = store.WorkspacePath, EpisodeId = checkpoint.Manifest.RunId }, cancellationToken).ConfigureAwait(false);
        Log.RunResumed(logger, checkpoint.Manifest.RunId, checkpoint.State.LastStep);
        return new WebGenEpisode(this, store, checkpoint.Manifest, checkpoint.Steps, checkpoint.State, messages, session, logger, isResume: true, checkpoint.Result);
    }

    private RunCheckpointStore OpenStore(string runId, string runDirectory) =>
        new(runDirectory, Components.RunStores.Open(runId, Path.GetFullPath(runDirectory))
            ?? throw new InvalidOperationException($"{Components.RunStores.GetType().Name}.Open returned no store for run {runId}."));


    /// <summary>The chat every branch starts from: the system prompt, and the instruction (with the project it continues, if any).</summary>
    internal static IReadOnlyList<StoredMessage> InitialMessages(RunManifest manifest) =>
        [new StoredMessage("system", manifest.SystemPrompt), new StoredMessage("user", manifest.StartingContext is { } project ? manifest.Instruction + "\n\n" + project : manifest.Instruction)];
}
