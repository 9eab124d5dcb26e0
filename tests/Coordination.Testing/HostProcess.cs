using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Coordination.Testing;

/// <summary>
/// The real host as a child process (the built Coordination.Host.dll next to the test
/// assembly), for tests that restart, kill or misconfigure it.
/// </summary>
public sealed partial class HostProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();
    private readonly ConcurrentQueue<string> errorOutput = new();
    private readonly TaskCompletionSource<Uri> address = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HostProcess(Process process)
    {
        this.process = process;
    }

    public int ProcessId => process.Id;

    public Uri BaseAddress => address.Task.IsCompletedSuccessfully ? address.Task.Result : throw new InvalidOperationException("The host has not started.");

    /// <summary>Everything the host printed so far, stdout and stderr interleaved.</summary>
    public string Output => string.Join(Environment.NewLine, output);

    /// <summary>What the host printed to stderr alone.</summary>
    public string ErrorOutput => string.Join(Environment.NewLine, errorOutput);

    public bool HasExited => process.HasExited;

    /// <summary>Starts the host with the given settings (configuration keys such as <c>Database:Provider</c>).</summary>
    public static HostProcess Start(IReadOnlyDictionary<string, string> settings, params string[] arguments) =>
        StartAssembly("Coordination.Host.dll", settings, arguments);

    /// <summary>Starts another built console host next to the test assembly, e.g. a test-only host.</summary>
    public static HostProcess StartAssembly(string assemblyFile, IReadOnlyDictionary<string, string> settings, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var hostDll = Path.Combine(AppContext.BaseDirectory, assemblyFile);
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(hostDll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        info.Environment["Urls"] = "http://127.0.0.1:0";
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var host = new HostProcess(process);
        process.OutputDataReceived += (_, e) => host.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                host.errorOutput.Enqueue(e.Data);
            }

            host.OnLine(e.Data);
        };
        process.Exited += (_, _) => host.address.TrySetException(new InvalidOperationException("The host exited before it started:" + Environment.NewLine + host.Output));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Waits until the host prints where it listens.</summary>
    public async Task<Uri> WaitUntilStartedAsync(TimeSpan? timeout = null)
    {
        var waited = await Task.WhenAny(address.Task, Task.Delay(timeout ?? TimeSpan.FromSeconds(120)));
        return waited == address.Task
            ? await address.Task
            : throw new TimeoutException("The host did not start in time:" + Environment.NewLine + Output);
    }

    /// <summary>Waits until the host prints a line containing <paramref name="text"/>; fails if it exits first.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!output.Any(line => line.Contains(text, StringComparison.Ordinal)))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The host exited (code {process.ExitCode}) before printing '{text}':{Environment.NewLine}{Output}");
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"The host did not print '{text}' within {timeout.TotalSeconds} s:{Environment.NewLine}{Output}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Waits for the process to end by itself and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(cts.Token);
        return process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing — the crash the runtime must survive.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>A graceful stop (SIGTERM), as an operator's restart.</summary>
    public async Task StopAsync()
    {
        if (process.HasExited)
        {
            return;
        }

        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        var match = ListeningLine().Match(line);
        if (match.Success)
        {
            address.TrySetResult(new Uri(match.Groups[1].Value.Split(',')[0].Trim()));
        }
    }

    [GeneratedRegex(@"Coordination is running\. Open: (.+)$")]
    private static partial Regex ListeningLine();
}
