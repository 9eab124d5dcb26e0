using System.Diagnostics;

namespace Coordination.Testing;

/// <summary>Runs one of the repository's deploy/ scripts, failing with its output.</summary>
internal static class DeployScript
{
    public static async Task RunAsync(string script, int rabbitMqPort, params string[] arguments)
    {
        var path = Path.Combine(TestEnvironment.RepositoryRoot, "deploy", script);
        var info = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(path);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["RABBITMQ_PORT"] = rabbitMqPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"deploy/{script} {string.Join(' ', arguments)} (port {rabbitMqPort}) failed with {process.ExitCode}: {await stdout}{await stderr}");
        }
    }
}
