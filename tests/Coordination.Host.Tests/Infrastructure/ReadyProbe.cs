using System.Net;
using System.Text.Json;
using Coordination.Testing;

namespace Coordination.Host.Tests.Infrastructure;

/// <summary>Reads /health/ready as an operator's monitoring would.</summary>
internal static class ReadyProbe
{
    public sealed record Report(HttpStatusCode StatusCode, string Status, IReadOnlyDictionary<string, string> Checks)
    {
        public override string ToString() => $"{(int)StatusCode} {Status} ({string.Join(", ", Checks.Select(c => $"{c.Key}={c.Value}"))})";
    }

    public static async Task<Report> ReadAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var checks = json.RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString()!);
        return new Report(response.StatusCode, json.RootElement.GetProperty("status").GetString()!, checks);
    }

    /// <summary>Polls until the report satisfies the condition, or fails with the last report.</summary>
    public static async Task<Report> WaitForAsync(HttpClient client, Func<Report, bool> condition, TimeSpan timeout) =>
        (await Poll.UntilAsync(() => TryReadAsync(client), r => r is not null && condition(r), timeout, "/health/ready to satisfy the condition"))!;

    private static async Task<Report?> TryReadAsync(HttpClient client)
    {
        try
        {
            return await ReadAsync(client);
        }
        catch (HttpRequestException)
        {
            // The host may be between restarts.
            return null;
        }
    }
}
