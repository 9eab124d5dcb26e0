using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Coordination.Host.Tests.Security;

/// <summary>Demo users calling the API with bearer tokens of their own; a token is fetched again once the test clock passed half its life.</summary>
internal sealed class ApiUsers(SecurityHost host) : IDisposable
{
    public const string Password = "Demo-Samverkan-2026!";

    private readonly HttpClient client = host.CreateClient(new() { AllowAutoRedirect = false });
    private readonly Dictionary<string, (string Token, DateTimeOffset IssuedAt)> tokens = [];

    public HttpClient Client => client;

    public async Task<string> TokenAsync(string user)
    {
        var now = host.Clock.GetUtcNow();
        if (tokens.TryGetValue(user, out var cached) && now - cached.IssuedAt < TimeSpan.FromMinutes(30))
        {
            return cached.Token;
        }

        using var response = await client.PostAsJsonAsync("/api/auth/token", new { email = user, password = Password });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"sign-in of {user}: {(int)response.StatusCode}");
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        tokens[user] = (token, now);
        return token;
    }

    public async Task<HttpResponseMessage> SendAsync(string? user, HttpMethod method, string path, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (user is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(user));
        }

        return await client.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(string user, string path) => SendAsync(user, HttpMethod.Get, path);

    /// <summary>The status of a GET made with <paramref name="client"/>'s cookie, or with <paramref name="bearer"/> when given.</summary>
    public static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (bearer is not null)
        {
            request.Headers.Authorization = new("Bearer", bearer);
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>A client signed in with the cookie, as a browser is, for the web pages.</summary>
    public async Task<HttpClient> BrowserAsync(string user, bool allowAutoRedirect = true)
    {
        var browser = host.CreateClient(new() { AllowAutoRedirect = allowAutoRedirect });
        using var signIn = await browser.PostAsJsonAsync("/api/auth/signin", new { email = user, password = Password });
        Assert.True(signIn.StatusCode == HttpStatusCode.NoContent, $"cookie sign-in of {user}: {(int)signIn.StatusCode}");
        return browser;
    }

    public Task<HttpResponseMessage> PostAsync(string user, string path, object body) => SendAsync(user, HttpMethod.Post, path, JsonContent.Create(body));

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<JsonElement> GetJsonAsync(string user, string path)
    {
        using var response = await GetAsync(user, path);
        return await JsonAsync(response, HttpStatusCode.OK);
    }

    public async Task<JsonElement> PostJsonAsync(string user, string path, object body, HttpStatusCode expected)
    {
        using var response = await PostAsync(user, path, body);
        return await JsonAsync(response, expected);
    }

    public void Dispose() => client.Dispose();
}
