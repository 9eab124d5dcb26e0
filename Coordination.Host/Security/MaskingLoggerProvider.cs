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

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            inner.Log(logLevel, eventId, state, exception, (s, e) => PersonnummerMask.Mask(formatter(s, e)));
    }
}
