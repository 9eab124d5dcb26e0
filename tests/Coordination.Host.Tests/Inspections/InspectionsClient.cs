using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Coordination.Host.Tests.Infrastructure;

namespace Coordination.Host.Tests.Inspections;

/// <summary>
/// One demo user calling the API with a bearer token. Tokens expire as the test moves the clock
/// forward by weeks, so a 401 signs in again once.
/// </summary>
internal sealed class InspectionsClient(EmbeddedHostFactory host, string email) : IDisposable
{
    public const string DemoPassword = "Demo-Samverkan-2026!";

    private readonly HttpClient client = host.CreateClient();
    private string? token;

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    public Task<HttpResponseMessage> PostAsync(string path, object? body = null) => SendAsync(HttpMethod.Post, path, body ?? new { });

    public Task<HttpResponseMessage> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path, null);

    public Task<HttpResponseMessage> PutAsync(string path, object body, string? ifMatch = null) => SendAsync(HttpMethod.Put, path, body, ifMatch);

    /// <summary>GETs and reads JSON, failing the test on anything but 200.</summary>
    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await GetAsync(path);
        return await ReadAsync(response, HttpStatusCode.OK);
    }

    /// <summary>POSTs and reads JSON, failing the test on an unexpected status.</summary>
    public async Task<JsonElement> PostJsonAsync(string path, object? body = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await PostAsync(path, body);
        return await ReadAsync(response, expected);
    }

    /// <summary>The id of the user's municipality with this name.</summary>
    public async Task<Guid> MunicipalityIdAsync(string name)
    {
        var me = await GetJsonAsync("/api/me");
        return me.GetProperty("memberships").EnumerateArray()
            .First(m => m.GetProperty("municipality").GetString() == name)
            .GetProperty("municipalityId").GetGuid();
    }

    /// <summary>A browser signed in with the cookie, for the web pages; redirects followed unless told.</summary>
    public static async Task<HttpClient> BrowserAsync(InProcessHostFactory host, string email, bool allowAutoRedirect = true)
    {
        var browser = host.CreateClient(new() { AllowAutoRedirect = allowAutoRedirect });
        using var signIn = await browser.PostAsJsonAsync("/api/auth/signin", new { email, password = DemoPassword });
        Assert.True(signIn.StatusCode == HttpStatusCode.NoContent, $"cookie sign-in of {email}: {(int)signIn.StatusCode}");
        return browser;
    }

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {expected}, got {response.StatusCode}: {text}{UnhandledExceptionHeader.Of(response)}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public void Dispose() => client.Dispose();

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body, string? ifMatch = null)
    {
        token ??= await SignInAsync();
        var response = await SendOnceAsync(method, path, body, ifMatch);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            response.Dispose();
            token = await SignInAsync();
            response = await SendOnceAsync(method, path, body, ifMatch);
        }

        return response;
    }

    private async Task<HttpResponseMessage> SendOnceAsync(HttpMethod method, string path, object? body, string? ifMatch)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await client.SendAsync(request);
    }

    private async Task<string> SignInAsync()
    {
        using var response = await client.PostAsJsonAsync("/api/auth/token", new { email, password = DemoPassword });
        var json = await ReadAsync(response, HttpStatusCode.OK);
        return json.GetProperty("accessToken").GetString()!;
    }
}
