using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace WebGen.Hosting;

/// <summary>The handlers behind <see cref="WebGenEndpointRouteBuilderExtensions.MapWebGen"/>.</summary>
internal sealed class RunEndpoints(WebGenRunQueue queue, IHostApplicationLifetime? lifetime, string prefix)
{
    public async Task<IResult> CreateAsync(HttpContext http)
    {
        if (!http.Request.HasJsonContentType())
        {
            return Problem(
                StatusCodes.Status415UnsupportedMediaType,
                "Unsupported media type",
                $"Send a JSON body such as {{\"instruction\": \"A todo app\"}} with 'Content-Type: application/json' (got '{http.Request.ContentType ?? "no content type"}').");
        }

        CreateRunRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<CreateRunRequest>(http.Request.Body, JsonSerializerOptions.Web, http.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            return Problem(StatusCodes.Status400BadRequest, "Malformed request body", "The body is not valid JSON for this request: " + ex.Message);
        }

        if (body is null)
        {
            return Problem(StatusCodes.Status400BadRequest, "Malformed request body", "The body is JSON null; send an object such as {\"instruction\": \"A todo app\"}.");
        }

        var limits = queue.Options;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(body.Instruction))
        {
            errors["instruction"] = ["The instruction is required: describe the website to build."];
        }
        else if (body.Instruction.Length > limits.MaxInstructionLength)
        {
            errors["instruction"] = [string.Create(CultureInfo.InvariantCulture, $"The instruction has {body.Instruction.Length} characters; at most {limits.MaxInstructionLength} are accepted.")];
        }

        if (body.MaxIterations is { } max && (max < 1 || max > limits.MaxIterationsLimit))
        {
            errors["maxIterations"] = [string.Create(CultureInfo.InvariantCulture, $"maxIterations must be between 1 and {limits.MaxIterationsLimit} (got {max}).")];
        }

        if (body.RunId is { } id && !WebGenRunQueue.IsValidId(id))
        {
            errors["runId"] = ["runId may contain only letters, digits, '-' and '_' (at most 64)."];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "Invalid run request", detail: "Fix the fields listed in 'errors'.");
        }

        var submitted = queue.Submit(new WebGenRequest { Instruction = body.Instruction!.Trim(), MaxIterations = body.MaxIterations, RunId = body.RunId });
        return Accepted(http, submitted);
    }

    public IResult List(HttpContext http, WebGenRunStatus? status) =>
        TypedResults.Ok(queue.List().Where(r => status is null || r.Status == status).Select(r => Summary(http, r)).ToList());

    public async Task<IResult> GetAsync(string id, HttpContext http)
    {
        if (queue.Find(id) is { } run)
        {
            return TypedResults.Ok(Summary(http, run));
        }

        return await LoadAsync(id, http.RequestAborted).ConfigureAwait(false) is { } checkpoint
            ? TypedResults.Ok(Summary(http, checkpoint))
            : NotFound(id);
    }

    public IResult Cancel(string id, HttpContext http)
    {
        if (queue.Find(id) is not { } run)
        {
            return NotFound(id);
        }

        return queue.Cancel(id, "cancelled by POST " + RunUrl(http, id) + "/cancel")
            ? TypedResults.Accepted(RunUrl(http, id), Summary(http, run))
            : Problem(StatusCodes.Status409Conflict, "Run not active", $"Run '{id}' is {run.Status.ToString().ToLowerInvariant()}; only queued or running runs can be cancelled.");
    }

    public async Task<IResult> ResumeAsync(string id, HttpContext http) =>
        Accepted(http, await queue.ResumeAsync(id, http.RequestAborted).ConfigureAwait(false));

    public IResult Delete(string id)
    {
        if (queue.Find(id) is not { } run)
        {
            return NotFound(id);
        }

        return queue.Remove(id)
            ? TypedResults.NoContent()
            : Problem(StatusCodes.Status409Conflict, "Run still active", $"Run '{id}' is {run.Status.ToString().ToLowerInvariant()}; cancel it first with POST {{url}}/cancel.");
    }

    public IResult Events(string id, HttpContext http)
    {
        if (queue.Find(id) is not { } run)
        {
            return Problem(
                StatusCodes.Status404NotFound,
                "Run not found",
                $"No run with id '{id}' is in memory: events are kept only while the server keeps the run (a run known only from its run directory has a summary at GET {RunUrl(http, id)}).");
        }

        // An EventSource that reconnects sends the id of the last event it saw: continue after it instead of replaying everything.
        var from = http.Request.Headers["Last-Event-ID"] is [{ } last] && int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var seen) ? seen + 1 : 0;
        return TypedResults.ServerSentEvents(StreamAsync(run, from, RunUrl(http, id), http.RequestAborted));
    }

    public async Task<IResult> ScreenshotAsync(string id, int step, HttpContext http)
    {
        byte[]? png;
        if (queue.Find(id) is { } run)
        {
            png = run.Screenshot(step);
        }
        else if (await LoadAsync(id, http.RequestAborted).ConfigureAwait(false) is { } checkpoint)
        {
            png = checkpoint.Steps.FirstOrDefault(s => s.Node.Step == step)?.Capture is { Succeeded: true } capture ? capture.Png.ToArray() : null;
        }
        else
        {
            return NotFound(id);
        }

        return png is not null
            ? TypedResults.File(png, "image/png")
            : Problem(StatusCodes.Status404NotFound, "Screenshot not found", string.Create(CultureInfo.InvariantCulture, $"Step {step} of run '{id}' has no screenshot (yet): only code steps whose site ran are screenshotted."));
    }

    public async Task<IResult> FilesAsync(string id, HttpContext http)
    {
        WebGenResult? result;
        if (queue.Find(id) is { } run)
        {
            result = run.Result;
        }
        else if (await LoadAsync(id, http.RequestAborted).ConfigureAwait(false) is { } checkpoint)
        {
            result = checkpoint.Result;
        }
        else
        {
            return NotFound(id);
        }

        return result is not null
            ? TypedResults.Ok(result.Files)
            : Problem(StatusCodes.Status404NotFound, "No result yet", $"Run '{id}' has not completed: the chosen site's files exist once it has.");
    }

    private async IAsyncEnumerable<SseItem<WebGenRunEvent>> StreamAsync(WebGenRun run, int from, string runUrl, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Streams end when the application stops, so they never hold up a graceful shutdown.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(lifetime?.ApplicationStopping ?? CancellationToken.None, cancellationToken);
        await foreach (var e in run.ReadEventsAsync(from, linked.Token).ConfigureAwait(false))
        {
            var shown = e.HasScreenshot ? e with { ScreenshotUrl = ScreenshotUrl(runUrl, e.Step) } : e;
            yield return new SseItem<WebGenRunEvent>(shown, e.Type) { EventId = e.Id.ToString(CultureInfo.InvariantCulture) };
        }
    }

    private IResult Accepted(HttpContext http, RunQueueResult submitted)
    {
        switch (submitted.Outcome)
        {
            case RunQueueOutcome.Accepted:
                var url = RunUrl(http, submitted.Run!.Id);
                return TypedResults.Accepted(url, Summary(http, submitted.Run));
            case RunQueueOutcome.QueueFull:
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(queue.Options.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return Problem(StatusCodes.Status429TooManyRequests, "Too many runs", submitted.Message);
            case RunQueueOutcome.ShuttingDown:
                return Problem(StatusCodes.Status503ServiceUnavailable, "Shutting down", submitted.Message);
            case RunQueueOutcome.NotFound:
                return Problem(StatusCodes.Status404NotFound, "Run not found", submitted.Message);
            default:
                return Problem(StatusCodes.Status409Conflict, "Conflict", submitted.Message);
        }
    }

    private async Task<RunCheckpoint?> LoadAsync(string id, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(queue.RunsDirectory, id);
        if (!WebGenRunQueue.IsValidId(id) || !File.Exists(Path.Combine(directory, "run.json")))
        {
            return null;
        }

        try
        {
            return await RunCheckpoint.LoadAsync(directory, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private WebGenRunSummary Summary(HttpContext http, WebGenRun run)
    {
        var url = RunUrl(http, run.Id);
        var result = run.Result;
        return new WebGenRunSummary
        {
            Id = run.Id,
            Instruction = run.Instruction,
            Status = run.Status,
            Url = url,
            EventsUrl = url + "/events",
            CreatedAt = run.CreatedAt,
            StartedAt = run.StartedAt,
            EndedAt = run.EndedAt,
            Events = run.EventCount,
            Screenshots = [.. run.ScreenshotSteps.Select(step => ScreenshotUrl(url, step))],
            ChosenStep = result?.Chosen?.Step,
            ScreenshotGrade = result?.Chosen?.ScreenshotGrade,
            GuiGrade = result?.Chosen?.GuiGrade,
            SelectionReason = result?.SelectionReason,
            StopReason = result?.StopReason.ToString(),
            Steps = result?.Steps.Count,
            FilesUrl = result is null ? null : url + "/files",
            Failure = run.Failure,
            Resumable = run.IsResumable,
        };
    }

    private WebGenRunSummary Summary(HttpContext http, RunCheckpoint checkpoint)
    {
        var id = checkpoint.Manifest.RunId;
        var url = RunUrl(http, id);
        var result = checkpoint.Result;
        return new WebGenRunSummary
        {
            Id = id,
            Instruction = checkpoint.Manifest.Instruction,
            Status = checkpoint.IsComplete ? WebGenRunStatus.Completed : WebGenRunStatus.Cancelled,
            Url = url,
            EventsUrl = url + "/events",
            CreatedAt = checkpoint.Manifest.CreatedAt,
            Screenshots = [.. checkpoint.Steps.Where(s => s.Capture is { Succeeded: true }).Select(s => ScreenshotUrl(url, s.Node.Step))],
            ChosenStep = result?.Chosen?.Step,
            ScreenshotGrade = result?.Chosen?.ScreenshotGrade,
            GuiGrade = result?.Chosen?.GuiGrade,
            SelectionReason = result?.SelectionReason,
            StopReason = result?.StopReason.ToString(),
            Steps = result?.Steps.Count ?? checkpoint.Steps.Count,
            FilesUrl = result is null ? null : url + "/files",
            Failure = checkpoint.IsComplete ? null : string.Create(CultureInfo.InvariantCulture, $"the run stopped after step {checkpoint.Steps.Count} without a result (found in the runs directory)"),
            Resumable = !checkpoint.IsComplete,
        };
    }

    private string RunUrl(HttpContext http, string id) => http.Request.PathBase + prefix + "/" + Uri.EscapeDataString(id);

    private static string ScreenshotUrl(string runUrl, int step) => string.Create(CultureInfo.InvariantCulture, $"{runUrl}/steps/{step}/screenshot.png");

    private static IResult NotFound(string id) => Problem(
        StatusCodes.Status404NotFound,
        "Run not found",
        $"No run has id '{id}': it never existed, or it was forgotten and has no run directory. Start one with POST to the runs URL.");

    private static IResult Problem(int status, string title, string detail) => Results.Problem(statusCode: status, title: title, detail: detail);
}
