using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace WebGen.Samples.AspNetEmbedding;

/// <summary>The HTTP API: start, follow, inspect and cancel generations, and the page.</summary>
internal static class GenerationEndpoints
{
    public static IEndpointRouteBuilder MapGenerations(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Results.Content(SamplePage.Html, "text/html; charset=utf-8"));
        var generations = app.MapGroup("/generations");
        generations.MapPost("", CreateAsync);
        generations.MapGet("{id}", Get);
        generations.MapGet("{id}/events", Events);
        generations.MapGet("{id}/steps/{step:int}/screenshot.png", Screenshot);
        generations.MapDelete("{id}", Delete);
        return app;
    }

    private static async Task<IResult> CreateAsync(HttpContext http, GenerationRegistry registry, IOptions<GenerationOptions> options)
    {
        if (!http.Request.HasJsonContentType())
        {
            return Problem(
                StatusCodes.Status415UnsupportedMediaType,
                "Unsupported media type",
                $"Send a JSON body such as {{\"instruction\": \"A todo app\"}} with 'Content-Type: application/json' (got '{http.Request.ContentType ?? "no content type"}').");
        }

        CreateGenerationRequest? body;
        try
        {
            body = await http.Request.ReadFromJsonAsync<CreateGenerationRequest>(http.RequestAborted);
        }
        catch (JsonException ex)
        {
            return Problem(StatusCodes.Status400BadRequest, "Malformed request body", "The body is not valid JSON for this request: " + ex.Message);
        }

        if (body is null)
        {
            return Problem(StatusCodes.Status400BadRequest, "Malformed request body", "The body is JSON null; send an object such as {\"instruction\": \"A todo app\"}.");
        }

        var limits = options.Value;
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

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "Invalid generation request", detail: "Fix the fields listed in 'errors'.");
        }

        switch (registry.TryStart(body.Instruction!.Trim(), body.MaxIterations, out var generation))
        {
            case StartOutcome.AtCapacity:
                http.Response.Headers.RetryAfter = "30";
                return Problem(
                    StatusCodes.Status429TooManyRequests,
                    "Too many generations",
                    string.Create(CultureInfo.InvariantCulture, $"{limits.MaxConcurrentGenerations} generations are already running; try again when one has finished, or cancel one with DELETE /generations/{{id}}."));
            case StartOutcome.ShuttingDown:
                return Problem(StatusCodes.Status503ServiceUnavailable, "Shutting down", "The server is stopping and accepts no new generations.");
        }

        var statusUrl = "/generations/" + generation!.Id;
        return TypedResults.Accepted(statusUrl, new GenerationCreated { Id = generation.Id, EventsUrl = statusUrl + "/events", StatusUrl = statusUrl });
    }

    private static IResult Get(string id, GenerationRegistry registry) =>
        registry.Find(id) is { } generation ? TypedResults.Ok(GenerationSummary.From(generation)) : NotFound(id);

    private static IResult Events(string id, HttpContext http, GenerationRegistry registry, IHostApplicationLifetime lifetime)
    {
        if (registry.Find(id) is not { } generation)
        {
            return NotFound(id);
        }

        // EventSource reconnects with the id of the last event it saw: continue after it instead of replaying everything.
        var from = http.Request.Headers["Last-Event-ID"] is [{ } last] && int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var seen) ? seen + 1 : 0;
        return TypedResults.ServerSentEvents(StreamAsync(generation, from, lifetime.ApplicationStopping, http.RequestAborted));
    }

    private static async IAsyncEnumerable<SseItem<GenerationEvent>> StreamAsync(Generation generation, int from, CancellationToken stopping, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Streams end when the application stops, so they never hold up a graceful shutdown.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, cancellationToken);
        await foreach (var (index, e) in generation.ReadAsync(from, linked.Token))
        {
            yield return new SseItem<GenerationEvent>(e, e.Type) { EventId = index.ToString(CultureInfo.InvariantCulture) };
        }
    }

    private static IResult Screenshot(string id, int step, GenerationRegistry registry)
    {
        if (registry.Find(id) is not { } generation)
        {
            return NotFound(id);
        }

        return generation.Screenshot(step) is { } png
            ? TypedResults.File(png, "image/png")
            : Problem(StatusCodes.Status404NotFound, "Screenshot not found", string.Create(CultureInfo.InvariantCulture, $"Step {step} of generation '{id}' has no screenshot (yet): only code steps whose site ran are screenshotted."));
    }

    private static IResult Delete(string id, GenerationRegistry registry)
    {
        if (registry.Find(id) is not { } generation)
        {
            return NotFound(id);
        }

        if (generation.Status == GenerationStatus.Running)
        {
            generation.Cancel("cancelled by DELETE /generations/" + id);
            return TypedResults.Accepted("/generations/" + id, GenerationSummary.From(generation));
        }

        registry.Remove(id);
        return TypedResults.NoContent();
    }

    private static IResult NotFound(string id) => Problem(
        StatusCodes.Status404NotFound,
        "Generation not found",
        $"No generation has id '{id}': it never existed, was deleted, or was forgotten to make room for newer ones. Start one with POST /generations.");

    private static IResult Problem(int status, string title, string detail) => Results.Problem(statusCode: status, title: title, detail: detail);
}
