using Microsoft.Extensions.Options;

namespace Coordination.Workflows.Runtime;

/// <summary>Names the setting that is wrong, so the process stops with a message an operator can act on.</summary>
internal sealed class RuntimeOptionsValidator : IValidateOptions<RuntimeOptions>
{
    public ValidateOptionsResult Validate(string? name, RuntimeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Positive(failures, nameof(options.InboxRetention), options.InboxRetention);
        Positive(failures, nameof(options.CleanupInterval), options.CleanupInterval);
        Positive(failures, nameof(options.RelayPollInterval), options.RelayPollInterval);
        Positive(failures, nameof(options.ConsumerStopTimeout), options.ConsumerStopTimeout);
        if (options.EndpointRestartAfter < TimeSpan.FromSeconds(4))
        {
            failures.Add($"{RuntimeOptions.Section}:{nameof(options.EndpointRestartAfter)} must be at least 00:00:04: a reconnect to a restarting broker takes seconds.");
        }

        if (options.RelayLeaseDuration < 2 * options.RelayPollInterval)
        {
            failures.Add($"{RuntimeOptions.Section}:{nameof(options.RelayLeaseDuration)} must be at least twice {RuntimeOptions.Section}:{nameof(options.RelayPollInterval)}, or the relay loses its lease between polls.");
        }

        if (options.RelayBatchSize is < 1 or > 10_000)
        {
            failures.Add($"{RuntimeOptions.Section}:{nameof(options.RelayBatchSize)} must be between 1 and 10000.");
        }

        if (options.RelayConcurrency is < 1 or > 256)
        {
            failures.Add($"{RuntimeOptions.Section}:{nameof(options.RelayConcurrency)} must be between 1 and 256.");
        }

        if (options.RelaySendTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{RuntimeOptions.Section}:{nameof(options.RelaySendTimeout)} must be positive.");
        }

        if (options.ConcurrencyRetryLimit < 1)
        {
            failures.Add($"{RuntimeOptions.Section}:{nameof(options.ConcurrencyRetryLimit)} must be at least 1: concurrent updates are resolved by retrying.");
        }

        if (options.FaultRetryLimit is < 0 or > 20)
        {
            failures.Add($"{RuntimeOptions.Section}:{nameof(options.FaultRetryLimit)} must be between 0 and 20.");
        }

        if (options.TimerRequestRetryLimit is < 1 or > 30)
        {
            failures.Add($"{RuntimeOptions.Section}:{nameof(options.TimerRequestRetryLimit)} must be between 1 and 30.");
        }

        if (options.FaultRetryInterval < TimeSpan.Zero)
        {
            failures.Add($"{RuntimeOptions.Section}:{nameof(options.FaultRetryInterval)} must not be negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(List<string> failures, string setting, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{RuntimeOptions.Section}:{setting} must be a positive duration, e.g. 00:00:30.");
        }
    }
}
