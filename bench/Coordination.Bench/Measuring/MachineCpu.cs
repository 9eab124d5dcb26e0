using System.Diagnostics;
using System.Globalization;

namespace Coordination.Bench.Measuring;

/// <summary>
/// CPU time used so far on this machine (Linux, from /proc): all of it, this process's, and the
/// PostgreSQL and RabbitMQ servers' (every process named <c>postgres</c> or <c>beam.smp</c>). Two
/// readings around a pass say where its machine time went. A process that exits between them
/// takes its time with it; during a pass the runtime's pooled connections stay open.
/// </summary>
public sealed record MachineCpu(TimeSpan Machine, TimeSpan Ours, TimeSpan PostgreSql, TimeSpan RabbitMq)
{
    private const double TicksPerSecond = 100; // USER_HZ, the unit of /proc/stat and /proc/<pid>/stat

    /// <summary>Now, or null where there is no /proc to read.</summary>
    public static MachineCpu? Read()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        using var self = Process.GetCurrentProcess();
        long postgres = 0, rabbitMq = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            var name = Path.GetFileName(directory);
            if (name.Length == 0 || !name.All(char.IsAsciiDigit) || ReadProcess(directory) is not var (command, ticks))
            {
                continue;
            }

            if (command == "postgres")
            {
                postgres += ticks;
            }
            else if (command == "beam.smp")
            {
                rabbitMq += ticks;
            }
        }

        return new MachineCpu(MachineBusy(), self.TotalProcessorTime, Ticks(postgres), Ticks(rabbitMq));
    }

    /// <summary>CPU time of the whole machine, all processes, from /proc/stat.</summary>
    private static TimeSpan MachineBusy()
    {
        // user nice system idle iowait irq softirq steal (guest and guest_nice are inside user and nice)
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Skip(1).Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        return Ticks(fields.Sum() - fields[3] - fields[4]);
    }

    /// <summary>The command name and user + system ticks of one process, or null if it has gone.</summary>
    private static (string Command, long Ticks)? ReadProcess(string directory)
    {
        string stat;
        try
        {
            stat = File.ReadAllText(Path.Combine(directory, "stat"));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ')'.
        var open = stat.IndexOf('(', StringComparison.Ordinal);
        var close = stat.LastIndexOf(')');
        if (open < 0 || close < open)
        {
            return null;
        }

        var after = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // Fields 14 (utime) and 15 (stime) of proc(5); after[0] is field 3.
        return after.Length > 12
            ? (stat[(open + 1)..close], long.Parse(after[11], CultureInfo.InvariantCulture) + long.Parse(after[12], CultureInfo.InvariantCulture))
            : null;
    }

    private static TimeSpan Ticks(long ticks) => TimeSpan.FromSeconds(ticks / TicksPerSecond);
}

/// <summary>Machine time per transition during one pass, in microseconds, and where it went.</summary>
public sealed record PassCpu(double Machine, double Ours, double PostgreSql, double RabbitMq)
{
    /// <summary>Everything else: other processes and the kernel's work not charged to a process.</summary>
    public double Rest => Machine - Ours - PostgreSql - RabbitMq;

    public static PassCpu? Between(MachineCpu? before, MachineCpu? after, int transitions) =>
        before is null || after is null || transitions <= 0
            ? null
            : new PassCpu(
                (after.Machine - before.Machine).TotalMicroseconds / transitions,
                (after.Ours - before.Ours).TotalMicroseconds / transitions,
                (after.PostgreSql - before.PostgreSql).TotalMicroseconds / transitions,
                (after.RabbitMq - before.RabbitMq).TotalMicroseconds / transitions);

    public override string ToString() =>
        FormattableString.Invariant($"{Machine:F0} µs of machine time per transition: this process {Ours:F0}, PostgreSQL {PostgreSql:F0}, RabbitMQ {RabbitMq:F0}, the rest {Rest:F0}");
}
