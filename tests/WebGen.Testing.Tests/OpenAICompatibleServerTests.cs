using System.ClientModel;
using Microsoft.Extensions.AI;
using WebGen.Testing;

namespace WebGen.Testing.Tests;

public sealed class OpenAICompatibleServerTests
{
    [Test]
    public async Task Real_OpenAI_client_receives_the_scripted_answer_and_usage()
    {
        await using var server = await OpenAICompatibleServer.StartAsync(call => ScriptedReply.Text("echo: " + call.LastUserText));
        var client = server.CreateChatClient("my-model", "secret-key");

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.System, "be brief"), new ChatMessage(ChatRole.User, "hello")]);

        Assert.That(response.Text, Is.EqualTo("echo: hello"));
        Assert.That(response.Usage?.TotalTokenCount, Is.EqualTo(15));
        var call = server.Calls.Single();
        Assert.That(call.Model, Is.EqualTo("my-model"));
        Assert.That(call.SystemText, Is.EqualTo("be brief"));
        Assert.That(call.Authorization, Is.EqualTo("Bearer secret-key"));
    }

    [Test]
    public async Task Png_images_arrive_as_decoded_data_uris()
    {
        await using var server = await OpenAICompatibleServer.StartAsync(_ => ScriptedReply.Text("ok"));
        var client = server.CreateChatClient();
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 1, 2, 3];

        await client.GetResponseAsync(new ChatMessage(ChatRole.User, [new TextContent("look"), new DataContent(png, "image/png")]));

        var image = server.Calls.Single().Images.Single();
        Assert.That(image.MediaType, Is.EqualTo("image/png"));
        Assert.That(image.Data.ToArray(), Is.EqualTo(png));
    }

    [Test]
    public async Task Streaming_answers_are_assembled_by_the_client()
    {
        await using var server = await OpenAICompatibleServer.StartAsync(_ => ScriptedReply.Text("streamed text"));
        var client = server.CreateChatClient();

        var text = "";
        await foreach (var update in client.GetStreamingResponseAsync("hi"))
        {
            text += update.Text;
        }

        Assert.That(text, Is.EqualTo("streamed text"));
        Assert.That(server.Calls.Single().Stream, Is.True);
    }

    [Test]
    public async Task Error_status_reaches_the_client_as_an_exception_with_the_status()
    {
        await using var server = await OpenAICompatibleServer.StartAsync(_ => ScriptedReply.Error(503, TimeSpan.FromSeconds(2)));
        var client = server.CreateChatClient();

        var ex = await Assert.ThrowsAsync<ClientResultException>(async () => await client.GetResponseAsync("hi"));

        Assert.That(ex!.Status, Is.EqualTo(503));
        Assert.That(ex.GetRawResponse()?.Headers.TryGetValue("Retry-After", out var retryAfter) == true ? retryAfter : null, Is.EqualTo("2"));
    }

    [Test]
    public async Task A_hanging_reply_is_abandoned_when_the_client_cancels()
    {
        await using var server = await OpenAICompatibleServer.StartAsync(_ => ScriptedReply.Hang());
        var client = server.CreateChatClient();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        Assert.That(async () => await client.GetResponseAsync("hi", cancellationToken: cts.Token), Throws.InstanceOf<OperationCanceledException>());
    }
}
