using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace WebGen.Training.Server;

/// <summary>
/// One OpenEnv WebSocket session (<c>/ws</c>), as OpenEnv's <c>HTTPEnvServer.websocket_endpoint</c> serves it: the client
/// sends <c>{"type": "reset" | "step" | "state" | "close", "data": …}</c> and gets one <c>observation</c>, <c>state</c> or
/// <c>error</c> message per request, in order. The session owns at most one episode: a reset ends the previous one, and
/// closing the socket (or a <c>close</c> message) ends it and releases its sandbox and browser session.
/// </summary>
/// <remarks>
/// The socket is read on its own loop while a step runs (a step can take minutes), so the client's pings are answered and
/// a client that goes away cancels its running step at once. Requests are still handled one at a time.
/// </remarks>
internal sealed class OpenEnvWebSocketSession(WebSocket socket, EpisodeOperations operations, ILogger logger)
{
    /// <summary>The largest message accepted (an answer is Bolt markup of a whole site: generous, but bounded).</summary>
    public const int MaxMessageBytes = 16 * 1024 * 1024;

    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);
    private HostedEpisode? _episode;

    /// <summary>Serves the session until the client closes it, sends <c>close</c>, goes away, or <paramref name="stopping"/> fires.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        using var session = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        using var readerStop = new CancellationTokenSource();
        var inbox = Channel.CreateBounded<Incoming>(new BoundedChannelOptions(16) { SingleReader = true, SingleWriter = true });
        var reader = ReadAsync(inbox.Writer, session, readerStop.Token);
        var (status, description) = (WebSocketCloseStatus.NormalClosure, "session closed");
        try
        {
            (status, description) = await ProcessAsync(inbox.Reader, session.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (session.IsCancellationRequested)
        {
            // The client went away or the server is stopping: end the episode below.
        }
        catch (WebSocketException)
        {
            // The connection broke while answering.
        }
        finally
        {
            if (stopping.IsCancellationRequested)
            {
                (status, description) = (WebSocketCloseStatus.EndpointUnavailable, "the environment server is stopping");
            }

            await EndEpisodeAsync("its WebSocket session ended").ConfigureAwait(false);
            await CloseAsync(status, description).ConfigureAwait(false);
            await WaitForReaderAsync(reader, readerStop).ConfigureAwait(false);
        }
    }

    private async Task<(WebSocketCloseStatus Status, string Description)> ProcessAsync(ChannelReader<Incoming> inbox, CancellationToken cancellationToken)
    {
        await foreach (var incoming in inbox.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (incoming.TooBig)
            {
                await SendAsync(OpenEnvMessage.Error(OpenEnvError.ValidationError, $"The message is larger than {MaxMessageBytes / (1024 * 1024)} MiB; the session is closed.", StatusCodes.Status413PayloadTooLarge), cancellationToken).ConfigureAwait(false);
                return (WebSocketCloseStatus.MessageTooBig, "message too big");
            }

            if (incoming.Text is null)
            {
                await SendAsync(OpenEnvMessage.Error(OpenEnvError.InvalidJson, "Binary messages are not supported; send each request as a JSON text message.", StatusCodes.Status400BadRequest), cancellationToken).ConfigureAwait(false);
                continue;
            }

            OpenEnvMessage? reply;
            try
            {
                reply = await HandleAsync(incoming.Text, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
            {
                Log.OpenEnvRequestFailed(logger, ex);
                reply = OpenEnvMessage.Error(OpenEnvError.ExecutionError, operations.Redact($"The request failed unexpectedly: {ex.GetType().Name}: {ex.Message}"), StatusCodes.Status500InternalServerError);
            }

            if (reply is null)
            {
                return (WebSocketCloseStatus.NormalClosure, "closed by the client");
            }

            await SendAsync(reply, cancellationToken).ConfigureAwait(false);
        }

        return (WebSocketCloseStatus.NormalClosure, "closed by the client");
    }

    /// <summary>Answers one request; null for <c>close</c>.</summary>
    private async Task<OpenEnvMessage?> HandleAsync(string text, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            return OpenEnvMessage.Error(OpenEnvError.InvalidJson, "Invalid JSON: " + ex.Message, StatusCodes.Status400BadRequest);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Invalid("A message is a JSON object: {\"type\": \"reset\" | \"step\" | \"state\" | \"close\", \"data\": {…}}.");
            }

            JsonElement? data = null;
            string? type = null;
            foreach (var property in root.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "type" when property.Value.ValueKind == JsonValueKind.String:
                        type = property.Value.GetString();
                        break;
                    case "type":
                        return Invalid("\"type\" must be a string: \"reset\", \"step\", \"state\" or \"close\".");
                    case "data":
                        data = property.Value;
                        break;
                    default:
                        return Invalid($"Unknown field '{property.Name}' in the message; a message has only \"type\" and \"data\".");
                }
            }

            return type switch
            {
                "reset" => await ResetAsync(data, cancellationToken).ConfigureAwait(false),
                "step" => await StepAsync(data, cancellationToken).ConfigureAwait(false),
                "state" => State(),
                "close" => null,
                _ => OpenEnvMessage.Error(
                    OpenEnvError.UnknownType,
                    $"Unknown message type: '{type}'. Send \"reset\" (data: instruction, max_steps?, episode_id?), \"step\" (data: message), \"state\" or \"close\".",
                    StatusCodes.Status400BadRequest),
            };
        }
    }

    private async Task<OpenEnvMessage> ResetAsync(JsonElement? data, CancellationToken cancellationToken)
    {
        if (!TryRead<OpenEnvResetRequest>(data, "reset", out var request, out var invalid))
        {
            return invalid;
        }

        // A reset starts over, as OpenEnv's environments do: the session's previous episode ends first, freeing its slot.
        await EndEpisodeAsync("reset by its WebSocket session").ConfigureAwait(false);
        var (episode, failure) = await operations.StartAsync(request?.Instruction, request?.TaskId, request?.MaxSteps, request?.EpisodeId, EpisodeFieldNames.OpenEnv, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            return OpenEnvMessage.Error(failure);
        }

        _episode = episode;
        return OpenEnvMessage.Observation(OpenEnvResult.Reset(episode!));
    }

    private async Task<OpenEnvMessage> StepAsync(JsonElement? data, CancellationToken cancellationToken)
    {
        if (!TryRead<OpenEnvAction>(data, "step", out var action, out var invalid))
        {
            return invalid;
        }

        if (action?.Message is not { } message)
        {
            return Invalid("A step needs the policy's answer: {\"type\": \"step\", \"data\": {\"message\": \"<boltArtifact …>\"}}.", "message");
        }

        if (_episode is not { } episode)
        {
            return OpenEnvMessage.Error(OpenEnvError.ExecutionError, "This session has no episode: send {\"type\": \"reset\", \"data\": {\"instruction\": \"…\"}} first.", StatusCodes.Status409Conflict);
        }

        var (outcome, failure) = await operations.StepAsync(episode, message, cancellationToken).ConfigureAwait(false);
        return failure is not null
            ? OpenEnvMessage.Error(failure)
            : OpenEnvMessage.Observation(OpenEnvResult.Step(episode, outcome!));
    }

    private OpenEnvMessage State()
    {
        if (_episode is not { } episode)
        {
            return OpenEnvMessage.State(OpenEnvState.Empty);
        }

        episode.Touch(operations.Registry.Time.GetUtcNow());
        return OpenEnvMessage.State(OpenEnvState.Of(episode));
    }

    private static bool TryRead<T>(JsonElement? data, string type, out T? value, out OpenEnvMessage invalid)
        where T : class
    {
        value = null;
        invalid = null!;
        if (data is not { } element || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            invalid = Invalid($"The \"data\" of a {type} message must be a JSON object.");
            return false;
        }

        try
        {
            value = element.Deserialize<T>(OpenEnvJson.Options);
            return true;
        }
        catch (JsonException ex)
        {
            invalid = Invalid($"The \"data\" of the {type} message is invalid: {ex.Message}");
            return false;
        }
    }

    private static OpenEnvMessage Invalid(string message, string? field = null) => new()
    {
        Type = "error",
        Data = new OpenEnvError
        {
            Code = OpenEnvError.ValidationError,
            Message = message,
            Status = StatusCodes.Status400BadRequest,
            Errors = field is null ? null : new Dictionary<string, string[]> { [field] = [message] },
        },
    };

    private async Task EndEpisodeAsync(string reason)
    {
        if (_episode is { } episode)
        {
            _episode = null;
            await operations.Registry.RemoveAsync(episode, reason).ConfigureAwait(false);
        }
    }

    private async Task SendAsync(OpenEnvMessage message, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(message, OpenEnvJson.Options);
        await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends the close frame (answering the client's, or starting the handshake); bounded, since the client may be gone.</summary>
    private async Task CloseAsync(WebSocketCloseStatus status, string description)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        using var timeout = new CancellationTokenSource(CloseTimeout);
        try
        {
            await socket.CloseOutputAsync(status, description, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The client is gone; nothing left to tell it.
        }
    }

    /// <summary>Lets the reader see the client's close frame, then stops it; cancelling a pending receive aborts the socket.</summary>
    private static async Task WaitForReaderAsync(Task reader, CancellationTokenSource readerStop)
    {
        await Task.WhenAny(reader, Task.Delay(CloseTimeout, CancellationToken.None)).ConfigureAwait(false);
        await readerStop.CancelAsync().ConfigureAwait(false);
        await reader.ConfigureAwait(false);
    }

    private async Task ReadAsync(ChannelWriter<Incoming> inbox, CancellationTokenSource session, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        var connectionEnded = true;
        try
        {
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                if (message.Length + received.Count > MaxMessageBytes)
                {
                    connectionEnded = false;
                    await inbox.WriteAsync(new Incoming { TooBig = true }, cancellationToken).ConfigureAwait(false);
                    return;
                }

                message.Write(buffer, 0, received.Count);
                if (!received.EndOfMessage)
                {
                    continue;
                }

                var text = received.MessageType == WebSocketMessageType.Text ? Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length) : null;
                message.SetLength(0);
                await inbox.WriteAsync(new Incoming { Text = text }, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The connection broke, or the session is over.
        }
        finally
        {
            inbox.TryComplete();

            // When the connection ended (the client's close frame, a broken connection), no answer can be delivered any more:
            // a running step is cancelled rather than left to finish for nobody. A too-big message still gets its error.
            if (connectionEnded && !cancellationToken.IsCancellationRequested)
            {
                await session.CancelAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>A received message: its text, null for a binary message, or the sign that it was too big.</summary>
    private sealed record class Incoming
    {
        public string? Text { get; init; }

        public bool TooBig { get; init; }
    }
}
