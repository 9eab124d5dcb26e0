using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Host.Tests.Security;
using Coordination.Testing;

namespace Coordination.Host.Tests.Concerns;

/// <summary>
/// The demo users of Älvby, each calling the API with their own bearer token. A token is
/// fetched again after the test has moved the clock past its lifetime.
/// </summary>
internal sealed class Caseworkers(InProcessHostFactory host) : IDisposable
{
    public const string Teacher = "school.staff@alvby.demo";
    public const string SchoolManager = "school.manager@alvby.demo";
    public const string Reception = "social.staff@alvby.demo";
    public const string Coordinator = "social.coordinator@alvby.demo";
    public const string SocialManager = "social.manager@alvby.demo";
    public const string Police = "police.staff@alvby.demo";
    public const string SchoolAdministrator = "school.administrator@alvby.demo";
    public const string SocialAdministrator = "social.administrator@alvby.demo";
    public const string OtherMunicipalityTeacher = "school.staff@sjostad.demo";

    /// <summary>How long a test waits for what the workflows do after a request or a move of the clock.</summary>
    public static readonly TimeSpan WorkflowWait = TimeSpan.FromSeconds(45);

    private readonly HttpClient client = host.CreateClient();
    private readonly Dictionary<string, (string Token, DateTimeOffset IssuedAt)> tokens = [];

    public async Task<HttpResponseMessage> PostAsync(string user, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body ?? new { }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(user));
        return await client.SendAsync(request);
    }

    public async Task<HttpResponseMessage> PutAsync(string user, string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(user));
        return await client.SendAsync(request);
    }

    public async Task<HttpResponseMessage> GetAsync(string user, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(user));
        return await client.SendAsync(request);
    }

    public async Task<JsonElement> GetJsonAsync(string user, string path)
    {
        using var response = await GetAsync(user, path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} as {user}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}{UnhandledExceptionHeader.Of(response)}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<JsonElement> PostJsonAsync(string user, string path, object body, HttpStatusCode expected)
    {
        using var response = await PostAsync(user, path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"POST {path} as {user}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>
    /// Two posts sent at the same moment (a double click, two social workers): their answers, the
    /// one that succeeded first (as <paramref name="success"/>), then the other, each status with its body.
    /// </summary>
    public async Task<(HttpStatusCode Status, string Body)[]> PostAtOnceAsync(HttpStatusCode success, (string User, string Path, object Body) first, (string User, string Path, object Body) second)
    {
        var answers = await Task.WhenAll(PostAsync(first.User, first.Path, first.Body), PostAsync(second.User, second.Path, second.Body));
        var read = new List<(HttpStatusCode Status, string Body)>();
        foreach (var answer in answers)
        {
            read.Add((answer.StatusCode, await answer.Content.ReadAsStringAsync()));
            answer.Dispose();
        }

        return [.. read.OrderBy(a => a.Status != success)];
    }

    /// <summary>Sends a page's form as the user's browser would: the antiforgery token read from the page first.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string user, string page, string handler, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = await TokenAsync(user);
        var antiforgery = await PageForms.AntiforgeryTokenAsync(client, page, token);
        return await PageForms.PostAsync(client, $"{page}?handler={handler}", antiforgery, fields, token);
    }

    /// <summary>The teacher raises the usual concern; waits until social services have it registered. Returns the raise answer.</summary>
    public async Task<JsonElement> RaiseAsync()
    {
        var raised = await PostJsonAsync(Teacher, "/api/concerns", ConcernRequests.Concern(), HttpStatusCode.Created);
        await WaitForConcernAsync(raised.GetProperty("id").GetGuid(), c => c.GetProperty("status").GetString() == "AwaitingProtectiveAssessment", "the concern registered");
        return raised;
    }

    /// <summary>Raised, protective assessment made (no immediate protection), shared with <paramref name="parties"/> by the guardians' consent.</summary>
    public async Task<Guid> RaiseAndShareAsync(params string[] parties)
    {
        var id = (await RaiseAsync()).GetProperty("id").GetGuid();
        await PostJsonAsync(Reception, $"/api/concerns/{id}/protective-assessment", new { immediateProtectionNeeded = false }, HttpStatusCode.NoContent);
        await PostJsonAsync(Coordinator, $"/api/concerns/{id}/legal-bases", ConcernRequests.GuardiansConsent("2026-11-23", parties), HttpStatusCode.Created);
        return id;
    }

    /// <summary>The open tasks in the user's agency queues.</summary>
    public async Task<List<JsonElement>> QueueAsync(string user) =>
        [.. (await GetJsonAsync(user, "/api/tasks/queue")).EnumerateArray()];

    /// <summary>Waits until the user's queue holds a task of this kind for the concern.</summary>
    public async Task<JsonElement> WaitForTaskAsync(string user, Guid concernId, string kind) =>
        (await Poll.UntilAsync(
            () => QueueAsync(user),
            tasks => tasks.Exists(t => IsTask(t, concernId, kind)),
            WorkflowWait,
            $"a {kind} task in {user}'s queue",
            host.Clock.TickSecond)).First(t => IsTask(t, concernId, kind));

    /// <summary>Social services' full view of the concern.</summary>
    public Task<JsonElement> ConcernAsync(Guid concernId) => GetJsonAsync(Coordinator, $"/api/concerns/{concernId}");

    public async Task<JsonElement> WaitForConcernAsync(Guid concernId, Func<JsonElement, bool> condition, string what) =>
        await Poll.UntilAsync(() => ConcernAsync(concernId), condition, WorkflowWait, what, host.Clock.TickSecond);

    public static JsonElement TaskIn(JsonElement concern, string kind, Guid agencyId) =>
        concern.GetProperty("tasks").EnumerateArray().First(t => t.GetProperty("kind").GetString() == kind && t.GetProperty("agencyId").GetGuid() == agencyId);

    public async Task<Guid> AgencyOfAsync(string user)
    {
        var me = await GetJsonAsync(user, "/api/me");
        return me.GetProperty("memberships").EnumerateArray().First(m => m.GetProperty("municipality").GetString()!.StartsWith("Älvby", StringComparison.Ordinal)).GetProperty("agencyId").GetGuid();
    }

    public void Dispose() => client.Dispose();

    public static bool IsTask(JsonElement task, Guid concernId, string kind) =>
        task.GetProperty("concernId").GetGuid() == concernId && task.GetProperty("kind").GetString() == kind;

    private async Task<string> TokenAsync(string user)
    {
        var now = host.Clock.GetUtcNow();
        if (tokens.TryGetValue(user, out var cached) && now - cached.IssuedAt < TimeSpan.FromMinutes(30))
        {
            return cached.Token;
        }

        using var response = await client.PostAsJsonAsync("/api/auth/token", new { email = user, password = "Demo-Samverkan-2026!" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        tokens[user] = (token, now);
        return token;
    }
}
