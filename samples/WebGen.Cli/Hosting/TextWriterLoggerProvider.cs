using Microsoft.Extensions.Logging;

namespace WebGen.Cli;

/// <summary>Writes warnings and errors as plain lines to the CLI's error writer (keeps stdout clean for progress).</summary>
internal sealed class TextWriterLoggerProvider(TextWriter writer) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(writer, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(TextWriter writer, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var name = category[(category.LastIndexOf('.') + 1)..];
            lock (writer)
            {
                writer.WriteLine($"{logLevel.ToString().ToLowerInvariant()}: {name}: {formatter(state, exception)}" + (exception is null ? "" : " — " + exception.Message));
            }
        }
    }
}
