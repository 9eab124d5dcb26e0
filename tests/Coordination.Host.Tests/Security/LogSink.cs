using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Coordination.Host.Tests.Security;

/// <summary>Keeps every error the host logs, so a test can assert that no request ended in an unhandled exception.</summary>
public sealed class LogSink : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, string Message, Exception? Exception)> errors = new();

    public IReadOnlyList<(string Category, string Message, Exception? Exception)> Errors => [.. errors];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, LogSink sink) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error)
            {
                sink.errors.Enqueue((category, formatter(state, exception), exception));
            }
        }
    }
}
