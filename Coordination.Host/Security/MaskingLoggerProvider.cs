namespace Coordination.Host.Security;

/// <summary>
/// Wraps each logging provider of the host so that formatted messages never carry a
/// personnummer (issue 7: personnummer masked in logs), whoever wrote the log call.
/// </summary>
internal sealed class MaskingLoggerProvider(ILoggerProvider inner) : ILoggerProvider, ISupportExternalScope
{
    public ILoggerProvider Inner => inner;

    public ILogger CreateLogger(string categoryName) => new MaskingLogger(inner.CreateLogger(categoryName));

    public void SetScopeProvider(IExternalScopeProvider scopeProvider)
    {
        if (inner is ISupportExternalScope scoped)
        {
            scoped.SetScopeProvider(scopeProvider);
        }
    }

    public void Dispose() => inner.Dispose();

    /// <summary>Wraps every provider registered so far.</summary>
    public static void Decorate(IServiceCollection services)
    {
        foreach (var descriptor in services.Where(d => d.ServiceType == typeof(ILoggerProvider) && !d.IsKeyedService).ToList())
        {
            services.Remove(descriptor);
            services.AddSingleton<ILoggerProvider>(provider => new MaskingLoggerProvider(
                descriptor.ImplementationInstance as ILoggerProvider
                ?? descriptor.ImplementationFactory?.Invoke(provider) as ILoggerProvider
                ?? (ILoggerProvider)ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!)));
        }
    }

    private sealed class MaskingLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel))
            {
                return;
            }

            // The message, the structured values (which JSON and OpenTelemetry providers write
            // out as they are) and the exception text are all masked.
            var masked = MaskedException.Of(exception);
            if (state is IReadOnlyList<KeyValuePair<string, object?>> values)
            {
                var message = PersonnummerMask.Mask(formatter(state, exception));
                inner.Log(logLevel, eventId, new MaskedState(values, message), masked, (s, _) => s.ToString());
                return;
            }

            inner.Log(logLevel, eventId, state, masked, (s, _) => PersonnummerMask.Mask(formatter(s, exception)));
        }
    }

    /// <summary>The structured values of a log call with every value that shows a personnummer replaced by its masked text.</summary>
    private sealed class MaskedState(IReadOnlyList<KeyValuePair<string, object?>> values, string message) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => values.Count;

        public KeyValuePair<string, object?> this[int index]
        {
            get
            {
                var (key, value) = values[index];
                var text = value switch
                {
                    null => null,
                    string s => s,
                    IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
                    _ => value.ToString(),
                };
                var maskedText = text is null ? null : PersonnummerMask.Mask(text);
                return new(key, maskedText == text ? value : maskedText);
            }
        }

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            for (var i = 0; i < Count; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => message;
    }
}

/// <summary>
/// Stands in for a logged exception whose text (message, inner exceptions, stack) shows a
/// personnummer: its <see cref="ToString"/> is the original text masked. An exception without
/// one is logged as it is.
/// </summary>
internal sealed class MaskedException : Exception
{
    private readonly string text;

    private MaskedException(Exception original, string text)
        : base(PersonnummerMask.Mask(original.Message))
    {
        this.text = text;
        OriginalType = original.GetType().FullName ?? original.GetType().Name;
        HResult = original.HResult;
    }

    /// <summary>The type of the exception this one stands in for.</summary>
    public string OriginalType { get; }

    /// <summary>The stack is part of <see cref="ToString"/>, masked with the rest.</summary>
    public override string? StackTrace => null;

    public static Exception? Of(Exception? exception)
    {
        if (exception is null)
        {
            return null;
        }

        var full = exception.ToString();
        var masked = PersonnummerMask.Mask(full);
        return masked == full ? exception : new MaskedException(exception, masked);
    }

    public override string ToString() => text;
}
