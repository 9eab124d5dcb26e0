using Coordination.Host.Configuration;
using Coordination.Workflows.Retention;
using Quartz;

namespace Coordination.Host.Security;

/// <summary>The <c>Retention</c> section, checked: periods such as <c>730.00:00:00</c>, a Quartz cron schedule, a batch size.</summary>
internal static class RetentionSettings
{
    public static RetentionOptions Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(RetentionOptions.Section);
        var defaults = new RetentionOptions();
        var schedule = section["Schedule"] is { Length: > 0 } s ? s : defaults.Schedule;
        try
        {
            _ = new CronExpression(schedule);
        }
        catch (FormatException)
        {
            throw new InvalidSettingException($"{RetentionOptions.Section}:Schedule", $"'{schedule}' is not a Quartz cron expression such as '{defaults.Schedule}'.");
        }

        return new RetentionOptions
        {
            ClosedConcerns = SettingReader.Duration(section, "ClosedConcerns", defaults.ClosedConcerns),
            ClosedSupervisionCases = SettingReader.Duration(section, "ClosedSupervisionCases", defaults.ClosedSupervisionCases),
            Schedule = schedule,
            BatchSize = SettingReader.Int(section, "BatchSize", defaults.BatchSize, 1, 100_000),
        };
    }
}
