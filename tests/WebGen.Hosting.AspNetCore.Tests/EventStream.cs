using System.Net;
using System.Net.ServerSentEvents;
using System.Text.Json.Nodes;

namespace WebGen.Hosting.Tests;

/// <summary>Reads a Server-Sent Events response as a browser's EventSource would (event name, id, data).</summary>
internal sealed class EventStream : IAsyncDisposable
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromMinutes(3);
    private readonly HttpResponseMessage _response;
    private readonly IAsyncEnumerator<SseItem<string>> _items;

    private EventStream(HttpResponseMessage response, IAsyncEnumerator<SseItem<string>> items)
    {
        _response = response;
        _items = items;
    }

    public List<(string Type, string? Id, JsonObject Data)> Seen { get; } = [];

    public static async Task<EventStream> OpenAsync(HttpClient http, string url, string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url.TrimStart('/'), UriKind.Relative));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await DescribeAsync(response));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/event-stream"));
        var stream = await response.Content.ReadAsStreamAsync();
        return new EventStream(response, SseParser.Create(stream).EnumerateAsync().GetAsyncEnumerator());
    }

    /// <summary>The next event, or null when the server ended the stream.</summary>
    public async Task<(string Type, string? Id, JsonObject Data)?> NextAsync()
    {
        if (!await _items.MoveNextAsync().AsTask().WaitAsync(ReadTimeout))
        {
            return null;
        }

        var item = _items.Current;
        var e = (item.EventType, item.EventId, JsonNode.Parse(item.Data)!.AsObject());
        Seen.Add(e);
        return e;
    }

    public async Task<(string Type, string? Id, JsonObject Data)> ReadUntilAsync(string type, int? step = null)
    {
        while (await NextAsync() is { } e)
        {
            if (e.Type == type && (step is null || (int?)e.Data["step"] == step))
            {
                return e;
            }
        }

        throw new AssertionException($"The stream ended before a '{type}' event; it sent: {string.Join(", ", Seen.Select(s => s.Type))}");
    }

    public async Task<List<(string Type, string? Id, JsonObject Data)>> ReadToEndAsync()
    {
        var rest = new List<(string Type, string? Id, JsonObject Data)>();
        while (await NextAsync() is { } e)
        {
            rest.Add(e);
        }

        return rest;
    }

    public async ValueTask DisposeAsync()
    {
        await _items.DisposeAsync();
        _response.Dispose();
    }

    private static async Task<string> DescribeAsync(HttpResponseMessage response) =>
        response.IsSuccessStatusCode ? "" : await response.Content.ReadAsStringAsync();
}
