using System.ClientModel;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using Polly.CircuitBreaker;
using Polly.Timeout;
using WebGen.Testing;

namespace WebGen.Core.Tests.Resilience;

public sealed class ResilientChatClientTests
{
    private static ChatResilienceOptions Fast(Action<ChatResilienceOptions>? tweak = null)
    {
        var options = new ChatResilienceOptions
        {
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
            RetryMaxDelay = TimeSpan.FromMilliseconds(50),
            CircuitBreakerEnabled = false,
            FailureReader = OpenAIChatFailures.Read, // the test server is reached through the OpenAI client
        };
        tweak?.Invoke(options);
        return options;
    }

    [Test]
    public async Task Waits_as_long_as_Retry_After_asks_on_429_then_succeeds()
    {
        await using var server = await OpenAICompatibleServer.StartAsync(call =>
            call.Index == 0 ? ScriptedReply.Error(429, TimeSpan.FromSeconds(1)) : ScriptedReply.Text("done"));
        var logger = new ListLogger<ResilientChatClient>();
        using var client = new ResilientChatClient(server.CreateChatClient(), Fast(), logger: logger);

        var response = await client.GetResponseAsync("hello");

        Assert.That(response.Text, Is.EqualTo("done"));
        Assert.That(server.Calls, Has.Count.EqualTo(2));
        Assert.That(logger.Messages.Single(), Does.Contain("HTTP 429").And.Contain("retry 1 in 00:00:01"));
    }

    [Test]
    public async Task Honours_Retry_After_on_503_too()
    {
        await using var server = await OpenAICompatibleServer.StartAsync(call =>
            call.Index == 0 ? ScriptedReply.Error(503, TimeSpan.FromSeconds(1)) : ScriptedReply.Text("done"));
        var logger = new ListLogger<ResilientChatClient>();
        using var client = new ResilientChatClient(server.CreateChatClient(), Fast(), logger: logger);

        await client.GetResponseAsync("hello");

        Assert.That(logger.Messages.Single(), Does.Contain("HTTP 503").And.Contain("in 00:00:01"));
    }

    [Test]
    public async Task Retry_After_longer_than_allowed_surfaces_the_429_at_once()
    {
        await using var server = await OpenAICompatibleServer.StartAsync(_ => ScriptedReply.Error(429, TimeSpan.FromSeconds(600)));
        using var client = new ResilientChatClient(server.CreateChatClient(), Fast(o => o.MaxRetryAfter = TimeSpan.FromSeconds(30)));

        var ex = await Assert.ThrowsAsync<ClientResultException>(() => client.GetResponseAsync("hello"));

        Assert.That(ex!.Status, Is.EqualTo(429));
        Assert.That(server.Calls, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Server_errors_are_retried_up_to_the_limit_then_thrown()
    {
        await using var server = await OpenAICompatibleServer.StartAsync(_ => ScriptedReply.Error(500));
        var logger = new ListLogger<ResilientChatClient>();
        using var client = new ResilientChatClient(server.CreateChatClient(), Fast(o => o.MaxRetryAttempts = 2), logger: logger);

        var ex = await Assert.ThrowsAsync<ClientResultException>(() => client.GetResponseAsync("hello"));

        Assert.That(ex!.Status, Is.EqualTo(500));
        Assert.That(server.Calls, Has.Count.EqualTo(3));
        Assert.That(logger.Messages, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Without_a_failure_reader_the_OpenAI_clients_answers_are_not_recognised_and_surface_at_once()
    {
        await using var server = await OpenAICompatibleServer.StartAsync(call => call.Index == 0 ? ScriptedReply.Error(503) : ScriptedReply.Text("done"));
        using var client = new ResilientChatClient(server.CreateChatClient(), Fast(o => o.FailureReader = null));

        var ex = await Assert.ThrowsAsync<ClientResultException>(() => client.GetResponseAsync("hello"));

        Assert.That(ex!.Status, Is.EqualTo(503));
        Assert.That(server.Calls, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task HttpRequestException_statuses_are_recognised_without_a_reader()
    {
        var calls = 0;
        using var inner = new FakeChatClient((_, _, _) => ++calls == 1
            ? throw new HttpRequestException("busy", null, System.Net.HttpStatusCode.ServiceUnavailable)
            : Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "done"))));
        var logger = new ListLogger<ResilientChatClient>();
        using var client = new ResilientChatClient(inner, Fast(o => o.FailureReader = null), logger: logger);

        var response = await client.GetResponseAsync("hello");

        Assert.That(response.Text, Is.EqualTo("done"));
        Assert.That(calls, Is.EqualTo(2));
        Assert.That(logger.Messages.Single(), Does.Contain("HTTP 503"));
    }

    [Test]
    public void The_OpenAI_reader_ignores_other_exceptions_and_reads_a_failure_without_an_answer_as_no_status()
    {
        Assert.That(OpenAIChatFailures.Read(new InvalidOperationException("not an HTTP failure")), Is.Null);
        Assert.That(OpenAIChatFailures.Read(new ClientResultException("no answer")), Is.EqualTo(new ChatCallFailure()));
    }

    [Test]
    public async Task Client_errors_are_not_retried()
    {
        await using var server = await OpenAICompatibleServer.StartAsync(_ => ScriptedReply.Error(400));
        using var client = new ResilientChatClient(server.CreateChatClient(), Fast());

        var ex = await Assert.ThrowsAsync<ClientResultException>(() => client.GetResponseAsync("hello"));

        Assert.That(ex!.Status, Is.EqualTo(400));
        Assert.That(server.Calls, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_hanging_call_times_out_per_attempt_and_is_retried()
    {
        await using var server = await OpenAICompatibleServer.StartAsync(call => call.Index == 0 ? ScriptedReply.Hang() : ScriptedReply.Text("second try"));
        var logger = new ListLogger<ResilientChatClient>();
        using var client = new ResilientChatClient(server.CreateChatClient(), Fast(o => o.AttemptTimeout = TimeSpan.FromMilliseconds(500)), logger: logger);

        var response = await client.GetResponseAsync("hello");

        Assert.That(response.Text, Is.EqualTo("second try"));
        Assert.That(logger.Messages.Single(), Does.Contain("attempt timed out"));
    }

    [Test]
    public async Task Every_attempt_hanging_ends_in_a_timeout_exception_naming_the_option()
    {
        await using var server = await OpenAICompatibleServer.StartAsync(_ => ScriptedReply.Hang());
        using var client = new ResilientChatClient(server.CreateChatClient(), Fast(o =>
        {
            o.AttemptTimeout = TimeSpan.FromMilliseconds(300);
            o.MaxRetryAttempts = 1;
        }));

        var ex = await Assert.ThrowsAsync<TimeoutRejectedException>(() => client.GetResponseAsync("hello"));

        Assert.That(ex!.Message, Does.Contain("AttemptTimeout"));
        Assert.That(server.Calls, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Caller_cancellation_is_not_retried()
    {
        await using var server = await OpenAICompatibleServer.StartAsync(_ => ScriptedReply.Hang());
        using var client = new ResilientChatClient(server.CreateChatClient(), Fast());
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        Assert.That(async () => await client.GetResponseAsync("hello", cancellationToken: cts.Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(server.Calls, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Open_circuit_fails_fast_without_calling_the_server_and_closes_after_the_break()
    {
        var failing = true;
        await using var server = await OpenAICompatibleServer.StartAsync(_ => failing ? ScriptedReply.Error(503) : ScriptedReply.Text("recovered"));
        var time = new FakeTimeProvider();
        var logger = new ListLogger<ResilientChatClient>();
        using var client = new ResilientChatClient(
            server.CreateChatClient(),
            new ChatResilienceOptions
            {
                MaxRetryAttempts = 0,
                BreakerMinimumThroughput = 2,
                BreakerFailureRatio = 0.5,
                BreakerBreakDuration = TimeSpan.FromSeconds(30),
                FailureReader = OpenAIChatFailures.Read,
            },
            time,
            logger);

        await Assert.ThrowsAsync<ClientResultException>(() => client.GetResponseAsync("one"));
        await Assert.ThrowsAsync<ClientResultException>(() => client.GetResponseAsync("two"));
        await Assert.ThrowsAsync<BrokenCircuitException>(() => client.GetResponseAsync("three"));
        Assert.That(server.Calls, Has.Count.EqualTo(2), "the open circuit kept the third call from the server");
        Assert.That(logger.Messages, Has.Some.Contains("circuit opened"));

        failing = false;
        time.Advance(TimeSpan.FromSeconds(31));
        var response = await client.GetResponseAsync("four");

        Assert.That(response.Text, Is.EqualTo("recovered"));
        Assert.That(logger.Messages, Has.Some.Contains("circuit closed"));
    }

    [Test]
    public async Task Streaming_retries_until_the_stream_opens()
    {
        await using var server = await OpenAICompatibleServer.StartAsync(call => call.Index == 0 ? ScriptedReply.Error(503) : ScriptedReply.Text("streamed"));
        using var client = new ResilientChatClient(server.CreateChatClient(), Fast());

        var text = "";
        await foreach (var update in client.GetStreamingResponseAsync("hello"))
        {
            text += update.Text;
        }

        Assert.That(text, Is.EqualTo("streamed"));
        Assert.That(server.Calls, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Builder_extension_adds_the_decorator_and_validates_options_at_start_up()
    {
        await using var server = await OpenAICompatibleServer.StartAsync(call => call.Index == 0 ? ScriptedReply.Error(502) : ScriptedReply.Text("ok"));

        using var client = new ChatClientBuilder(server.CreateChatClient())
            .UseWebGenResilience(o =>
            {
                o.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
                o.FailureReader = OpenAIChatFailures.Read;
            })
            .Build();

        Assert.That(client.GetService<ResilientChatClient>(), Is.Not.Null);
        Assert.That((await client.GetResponseAsync("hi")).Text, Is.EqualTo("ok"));
        var ex = Assert.Throws<ValidationException>(() => new ChatClientBuilder(server.CreateChatClient()).UseWebGenResilience(o => o.MaxRetryAttempts = -1));
        Assert.That(ex!.Message, Does.Contain("MaxRetryAttempts"));
    }

    [Test]
    public void Inconsistent_backoff_bounds_are_rejected()
    {
        var ex = Assert.Throws<ValidationException>(() => new ChatResilienceOptions { RetryBaseDelay = TimeSpan.FromSeconds(10), RetryMaxDelay = TimeSpan.FromSeconds(1) }.Validated());

        Assert.That(ex!.Message, Does.Contain("RetryMaxDelay"));
    }
}
