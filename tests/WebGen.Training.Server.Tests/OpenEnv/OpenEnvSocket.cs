using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace WebGen.Training.Server.Tests;

/// <summary>
/// A real <see cref="ClientWebSocket"/> connected to an environment server's OpenEnv session (<c>/ws</c>). Linked into
/// the Orleans and CLI test projects, whose servers front a cluster or run as the <c>webgen env-server</c> command.
/// </summary>
internal sealed partial class OpenEnvSocket : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private OpenEnvSocket(ClientWebSocket socket) => Socket = socket;

    public ClientWebSocket Socket { get; }

    /// <summary>The session's address on the server at <paramref name="serverAddress"/>.</summary>
    public static Uri AddressOf(Uri serverAddress) => new UriBuilder(serverAddress) { Scheme = "ws", Path = "ws" }.Uri;

    /// <summary>Connects to the server at <paramref name="serverAddress"/>, sending <paramref name="apiKey"/> unless null.</summary>
    public static async Task<OpenEnvSocket> ConnectAsync(Uri serverAddress, string? apiKey)
    {
        var socket = new ClientWebSocket();
        if (apiKey is not null)
        {
            socket.Options.SetRequestHeader("Authorization", "Bearer " + apiKey);
        }

        using var timeout = new CancellationTokenSource(Timeout);
        await socket.ConnectAsync(AddressOf(serverAddress), timeout.Token);
        return new OpenEnvSocket(socket);
    }

    public async Task SendAsync(string text)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await Socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
    }

    /// <summary>Receives one message: a JSON object, or null when the server closed the socket (the close is answered).</summary>
    public async Task<JsonObject?> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        using var message = new MemoryStream();
        var buffer = new byte[8192];
        while (true)
        {
            var received = await Socket.ReceiveAsync(buffer.AsMemory(), timeout.Token);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                // Complete the closing handshake, as WebSocket clients (Python's websockets among them) do.
                await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
                return null;
            }

            Assert.That(received.MessageType, Is.EqualTo(WebSocketMessageType.Text));
            message.Write(buffer, 0, received.Count);
            if (received.EndOfMessage)
            {
                return JsonNode.Parse(message.ToArray())!.AsObject();
            }
        }
    }

    /// <summary>Sends a request and returns the reply, which must have the given type.</summary>
    public async Task<JsonObject> RequestAsync(string text, string expectedType)
    {
        await SendAsync(text);
        var reply = await ReceiveAsync();
        Assert.That(reply, Is.Not.Null, "the server closed the socket instead of answering " + text);
        Assert.That((string?)reply!["type"], Is.EqualTo(expectedType), reply.ToJsonString());
        return reply["data"]!.AsObject();
    }

    public Task<JsonObject> RequestAsync(JsonObject message, string expectedType) => RequestAsync(message.ToJsonString(), expectedType);

    /// <summary>Sends a request that must be refused, and returns the error's data after checking its code and status.</summary>
    public async Task<JsonObject> ExpectErrorAsync(string text, string code, int status)
    {
        var error = await RequestAsync(text, "error");
        Assert.That((string?)error["code"], Is.EqualTo(code), error.ToJsonString());
        Assert.That((int?)error["status"], Is.EqualTo(status), error.ToJsonString());
        Assert.That((string?)error["message"], Is.Not.Empty);
        return error;
    }

    public void Dispose() => Socket.Dispose();
}
