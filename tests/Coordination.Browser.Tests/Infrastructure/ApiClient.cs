using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Coordination.Testing;

namespace Coordination.Browser.Tests.Infrastructure;

/// <summary>
/// Other people's part of a journey, done through the HTTP API with their own bearer tokens
/// (the browser shows only the person the journey is about).
/// </summary>
public sealed class ApiClient(BrowserHost host) : IDisposable
{
    private readonly HttpClient client = new() { BaseAddress = host.BaseAddress };
    private readonly Dictionary<string, (string Token, DateTimeOffset IssuedAt)> tokens = [];

    public async Task<JsonElement> PostAsync(string user, string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(user));
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path} as {user}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<JsonElement> GetAsync(string user, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(user));
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} as {user}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Waits (bounded) until a GET answer satisfies the condition, moving the test clock a second per try.</summary>
    public Task<JsonElement> WaitForAsync(string user, string path, Func<JsonElement, bool> condition, string what) =>
        Poll.UntilAsync(() => GetAsync(user, path), condition, TimeSpan.FromSeconds(30), $"{what} (GET {path} as {user})", host.Clock.TickSecond);

    public void Dispose() => client.Dispose();

    // A token is fetched again once the journey has moved the clock past half its lifetime; not
    // more often, since sign-ins are rate-limited per client.
    private async Task<string> TokenAsync(string user)
    {
        var now = host.Clock.GetUtcNow();
        if (tokens.TryGetValue(user, out var cached) && now - cached.IssuedAt < TimeSpan.FromMinutes(30))
        {
            return cached.Token;
        }

        using var response = await client.PostAsJsonAsync("/api/auth/token", new { email = user, password = BrowserUser.DemoPassword });
        Assert.True(response.IsSuccessStatusCode, $"token for {user}: {(int)response.StatusCode}");
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        tokens[user] = (token, now);
        return token;
    }
}
