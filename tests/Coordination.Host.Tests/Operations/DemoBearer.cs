using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Coordination.Host.Tests.Operations;

/// <summary>A demo user's bearer token, and API calls made with it.</summary>
internal static class DemoBearer
{
    public const string DemoPassword = "Demo-Samverkan-2026!";

    public static async Task<string> TokenAsync(HttpClient client, string email)
    {
        using var response = await client.PostAsJsonAsync("/api/auth/token", new { email, password = DemoPassword });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string token)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }
}
