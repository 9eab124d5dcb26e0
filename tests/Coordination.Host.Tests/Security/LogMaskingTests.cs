using Coordination.Host.Security;
using Microsoft.Extensions.Logging;

namespace Coordination.Host.Tests.Security;

/// <summary>What reaches a log provider carries no personnummer: not in the message, the structured values, or the exception text.</summary>
public sealed partial class LogMaskingTests
{
    private const string Personnummer = "20120315-1236";

    [Fact]
    public void Message_values_and_exception_text_are_masked_before_any_provider_sees_them()
    {
        var capture = new Capture();
        using var provider = new MaskingLoggerProvider(capture);
        var logger = provider.CreateLogger("test");
        var failure = Thrown(new InvalidOperationException($"Could not route {Personnummer}", new FormatException("The number 201203151236 is not valid")));

        ConcernFailed(logger, failure, Personnummer, "Älvby skola");

        var entry = Assert.Single(capture.Entries);
        Assert.Equal("Concern about [personnummer] at Älvby skola failed", entry.Message);
        Assert.Equal("Concern about [personnummer] at Älvby skola failed", entry.State);
        Assert.Contains(new KeyValuePair<string, string?>("Personnummer", "[personnummer]"), entry.Values);
        Assert.Contains(new KeyValuePair<string, string?>("School", "Älvby skola"), entry.Values);
        Assert.NotNull(entry.Exception);
        Assert.DoesNotContain("1236", entry.Exception, StringComparison.Ordinal);
        Assert.Contains("Could not route [personnummer]", entry.Exception, StringComparison.Ordinal);
        Assert.Contains("The number [personnummer] is not valid", entry.Exception, StringComparison.Ordinal);
        Assert.Contains(nameof(Thrown), entry.Exception, StringComparison.Ordinal);
        Assert.Contains(nameof(InvalidOperationException), entry.Exception, StringComparison.Ordinal);
    }

    [Fact]
    public void An_exception_without_a_personnummer_is_logged_as_it_is()
    {
        var capture = new Capture();
        using var provider = new MaskingLoggerProvider(capture);
        var failure = Thrown(new TimeoutException("The broker did not answer within 30 s"));

        RelayFailed(provider.CreateLogger("test"), failure, 42);

        var entry = Assert.Single(capture.Entries);
        Assert.Same(failure, entry.Original);
        Assert.Contains(new KeyValuePair<string, string?>("MessageId", "42"), entry.Values);
    }

    [LoggerMessage(LogLevel.Error, "Concern about {Personnummer} at {School} failed")]
    private static partial void ConcernFailed(ILogger logger, Exception exception, string personnummer, string school);

    [LoggerMessage(LogLevel.Warning, "Relay send failed for message {MessageId}")]
    private static partial void RelayFailed(ILogger logger, Exception exception, int messageId);

    private static Exception Thrown(Exception exception)
    {
        try
        {
            throw exception;
        }
        catch (Exception caught)
        {
            return caught;
        }
    }

    private sealed record Entry(string Message, string? State, IReadOnlyList<KeyValuePair<string, string?>> Values, string? Exception, Exception? Original);

    private sealed class Capture : ILoggerProvider
    {
        public List<Entry> Entries { get; } = [];

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(Capture capture) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = state is IReadOnlyList<KeyValuePair<string, object?>> pairs
                    ? pairs.Select(p => new KeyValuePair<string, string?>(p.Key, Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture))).ToList()
                    : [];
                capture.Entries.Add(new Entry(formatter(state, exception), state?.ToString(), values, exception?.ToString(), exception));
            }
        }
    }
}
