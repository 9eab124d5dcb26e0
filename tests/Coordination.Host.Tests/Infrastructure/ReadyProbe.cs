using System.Net;
using System.Text.Json;

namespace Coordination.Host.Tests.Infrastructure;

/// <summary>Reads /health/ready as an operator's monitoring would.</summary>
internal static class ReadyProbe
{
    public sealed record Report(HttpStatusCode StatusCode, string Status, IReadOnlyDictionary<string, string> Checks);

    public static async Task<Report> ReadAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var checks = json.RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString()!);
        return new Report(response.StatusCode, json.RootElement.GetProperty("status").GetString()!, checks);
    }

    /// <summary>Polls until the report satisfies the condition, or fails with the last report.</summary>
    public static async Task<Report> WaitForAsync(HttpClient client, Func<Report, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        Report? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await ReadAsync(client);
                if (condition(last))
                {
                    return last;
                }
            }
            catch (HttpRequestException)
            {
                // The host may be between restarts.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"/health/ready never satisfied the condition; last: {last?.StatusCode} {last?.Status} {string.Join(", ", last?.Checks.Select(c => $"{c.Key}={c.Value}") ?? [])}");
    }
}
