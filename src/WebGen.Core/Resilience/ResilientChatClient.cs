using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace WebGen;

/// <summary>
/// A chat-client decorator that retries transient failures (429, 5xx, timeouts, network errors) with
/// jittered exponential backoff, waits as long as a 429/503 answer's Retry-After asks, bounds every
/// attempt with a timeout, and opens a circuit breaker while the endpoint keeps failing. Compose it with
/// <see cref="ResilienceChatClientBuilderExtensions.UseWebGenResilience"/>.
/// </summary>
public sealed partial class ResilientChatClient : DelegatingChatClient
{
    private readonly ChatResilienceOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _pipeline;

    /// <summary>Wraps <paramref name="innerClient"/>.</summary>
    /// <param name="innerClient">The client to protect.</param>
    /// <param name="options">The settings; defaults when null. Copied and validated.</param>
    /// <param name="timeProvider">Clock for backoff, timeouts and the breaker; the system clock when null.</param>
    /// <param name="logger">Logs retries and breaker transitions.</param>
    /// <exception cref="System.ComponentModel.DataAnnotations.ValidationException">An option is out of range.</exception>
    public ResilientChatClient(IChatClient innerClient, ChatResilienceOptions? options = null, TimeProvider? timeProvider = null, ILogger<ResilientChatClient>? logger = null)
        : base(innerClient)
    {
        _options = (options?.Clone() ?? new ChatResilienceOptions()).Validated();
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _pipeline = BuildPipeline();
    }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        // Retries resend the same conversation, so enumerate the caller's sequence once.
        List<ChatMessage> conversation = [.. messages];
        return await _pipeline.ExecuteAsync(
            async ct =>
            {
                using var attempt = StartAttempt(ct);
                try
                {
                    return await base.GetResponseAsync(conversation, options, attempt.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
                {
                    throw TimedOut(ex);
                }
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        List<ChatMessage> conversation = [.. messages];

        // Only opening the stream is retried: once updates have reached the caller, a retry would repeat them.
        var stream = await _pipeline.ExecuteAsync(
            async ct =>
            {
                var attempt = StartAttempt(ct);
                var enumerator = base.GetStreamingResponseAsync(conversation, options, attempt.Token).GetAsyncEnumerator(attempt.Token);
                try
                {
                    var hasFirst = await enumerator.MoveNextAsync().ConfigureAwait(false);
                    attempt.DisableTimeout();
                    return new OpenStream(enumerator, attempt, hasFirst);
                }
                catch (Exception ex)
                {
                    await enumerator.DisposeAsync().ConfigureAwait(false);
                    attempt.Dispose();
                    if (ex is OperationCanceledException && !ct.IsCancellationRequested)
                    {
                        throw TimedOut(ex);
                    }

                    throw;
                }
            },
            cancellationToken).ConfigureAwait(false);

        await using (stream.Enumerator.ConfigureAwait(false))
        using (stream.Attempt)
        {
            if (!stream.HasFirst)
            {
                yield break;
            }

            yield return stream.Enumerator.Current;
            while (await stream.Enumerator.MoveNextAsync().ConfigureAwait(false))
            {
                yield return stream.Enumerator.Current;
            }
        }
    }

    private AttemptScope StartAttempt(CancellationToken callerToken) => new(_options.AttemptTimeout, _time, callerToken);

    private TimeoutRejectedException TimedOut(Exception inner) =>
        new($"The chat call did not complete within {_options.AttemptTimeout} ({nameof(ChatResilienceOptions.AttemptTimeout)}).", _options.AttemptTimeout, inner);

    private ResiliencePipeline BuildPipeline()
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = _time };
        if (_options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = _options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.RetryBaseDelay,
                MaxDelay = _options.RetryMaxDelay,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } ex
                    && TransientChatFailure.IsTransient(ex, _options.FailureReader)
                    && !(TransientChatFailure.RetryAfter(ex, _options.FailureReader, _time) > _options.MaxRetryAfter)),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } ex ? TransientChatFailure.RetryAfter(ex, _options.FailureReader, _time) : null),
                OnRetry = args =>
                {
                    LogRetry(_logger, args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception is { } ex ? TransientChatFailure.Describe(ex, _options.FailureReader) : "unknown");
                    return default;
                },
            });
        }

        if (_options.CircuitBreakerEnabled)
        {
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = _options.BreakerFailureRatio,
                MinimumThroughput = _options.BreakerMinimumThroughput,
                SamplingDuration = _options.BreakerSamplingDuration,
                BreakDuration = _options.BreakerBreakDuration,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex && TransientChatFailure.IsTransient(ex, _options.FailureReader)),
                OnOpened = args =>
                {
                    LogCircuitOpened(_logger, args.BreakDuration);
                    return default;
                },
                OnClosed = _ =>
                {
                    LogCircuitClosed(_logger);
                    return default;
                },
            });
        }

        return builder.Build();
    }

    [LoggerMessage(EventId = 31, Level = LogLevel.Warning, Message = "Chat call failed ({Reason}); retry {Attempt} in {Delay}")]
    private static partial void LogRetry(ILogger logger, int attempt, TimeSpan delay, string reason);

    [LoggerMessage(EventId = 32, Level = LogLevel.Error, Message = "Chat endpoint keeps failing; circuit opened for {BreakDuration}")]
    private static partial void LogCircuitOpened(ILogger logger, TimeSpan breakDuration);

    [LoggerMessage(EventId = 33, Level = LogLevel.Information, Message = "Chat endpoint recovered; circuit closed")]
    private static partial void LogCircuitClosed(ILogger logger);

    private sealed record class OpenStream(IAsyncEnumerator<ChatResponseUpdate> Enumerator, AttemptScope Attempt, bool HasFirst);

    /// <summary>The cancellation of one attempt: the caller's token or the attempt timeout, on the injected clock.</summary>
    private sealed class AttemptScope : IDisposable
    {
        private readonly CancellationTokenSource _timeout;
        private readonly CancellationTokenSource _linked;

        public AttemptScope(TimeSpan timeout, TimeProvider time, CancellationToken callerToken)
        {
            _timeout = new CancellationTokenSource(timeout, time);
            _linked = CancellationTokenSource.CreateLinkedTokenSource(callerToken, _timeout.Token);
        }

        public CancellationToken Token => _linked.Token;

        public void DisableTimeout() => _timeout.CancelAfter(Timeout.InfiniteTimeSpan);

        public void Dispose()
        {
            _linked.Dispose();
            _timeout.Dispose();
        }
    }
}
