using System.Net;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Workflows.Audit;
using static Coordination.Host.Tests.Concerns.Caseworkers;

namespace Coordination.Host.Tests.Concerns;

/// <summary>
/// Social services mark a young person's identity as protected on a concern whose reporter did
/// not know it: the agencies it is shared with stop seeing the name and the school. Before, only
/// the reporter could mark it, when raising the concern, and a police officer or a leisure worker
/// shared with went on reading where a child under protection goes to school.
/// </summary>
public sealed class ProtectedIdentityTests
{
    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task Social_services_mark_a_protected_identity_and_the_agencies_shared_with_no_longer_see_the_name_or_school(HostBackend backend)
    {
        await using var host = await EmbeddedHostFactory.CreateAsync(backend, "protected-identity");
        using var users = new Caseworkers(host);
        var id = await users.RaiseAndShareAsync("Police");
        await users.WaitForTaskAsync(Police, id, "JointWork");
        var shared = await users.GetJsonAsync(Police, $"/api/concerns/{id}");
        Assert.Equal("Alva Exempel", shared.GetProperty("youngPerson").GetProperty("name").GetString());

        // Only social services mark it; the police are refused and nothing changes.
        using (var refused = await users.PostAsync(Police, $"/api/concerns/{id}/protected-identity", new { }))
        {
            Assert.True(refused.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"{(int)refused.StatusCode}");
        }

        Assert.Equal("Alva Exempel", (await users.GetJsonAsync(Police, $"/api/concerns/{id}")).GetProperty("youngPerson").GetProperty("name").GetString());

        // From the case page, as a social worker would.
        using (var marked = await users.PostFormAsync(Coordinator, $"/Concerns/Case/{id}", "ProtectIdentity", []))
        {
            Assert.True(marked.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"{(int)marked.StatusCode}");
        }

        var hidden = await users.GetJsonAsync(Police, $"/api/concerns/{id}");
        Assert.Equal("Skyddad identitet", hidden.GetProperty("youngPerson").GetProperty("name").GetString());
        Assert.Equal("Skyddad identitet", hidden.GetProperty("school").GetString());
        var police = WebUtility.HtmlDecode(await (await users.GetAsync(Police, $"/Concerns/Case/{id}")).Content.ReadAsStringAsync());
        Assert.DoesNotContain("Alva Exempel", police, StringComparison.Ordinal);
        Assert.DoesNotContain("Älvby skola", police, StringComparison.Ordinal);

        // Social services still see the name; the mark is once, audited and in their chronology.
        var full = await users.GetJsonAsync(Coordinator, $"/api/concerns/{id}");
        Assert.True(full.GetProperty("youngPerson").GetProperty("protectedIdentity").GetBoolean());
        Assert.Equal("Alva Exempel", full.GetProperty("youngPerson").GetProperty("name").GetString());
        await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/protected-identity", new { }, HttpStatusCode.Conflict);
        Assert.Single(await host.AuditAsync(AuditAction.ProtectedIdentityMarked), e => e.SubjectId == id.ToString());
        var page = WebUtility.HtmlDecode(await (await users.GetAsync(Coordinator, $"/Concerns/Case/{id}")).Content.ReadAsStringAsync());
        Assert.Contains("Ja: de verksamheter ärendet delas med ser varken namn eller skola.", page, StringComparison.Ordinal);
    }
}
