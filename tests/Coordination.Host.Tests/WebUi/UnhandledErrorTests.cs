using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Host.Tests.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Coordination.Host.Tests.WebUi;

/// <summary>
/// A fault nobody foresaw, thrown behind the routed pages by a middleware only this test adds:
/// a browser gets the error page in its language, an API client problem details, and neither
/// sees the exception.
/// </summary>
public sealed class UnhandledErrorTests : IAsyncLifetime
{
    private const string Secret = "stack detail that must not reach the user";
    private readonly EmbeddedHostFactory host = new();
    private WebApplicationFactory<Program> faulty = null!;

    public Task InitializeAsync()
    {
        faulty = host.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
            services.AddTransient<IStartupFilter, ThrowBehindThePipeline>()));
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_page_request_that_fails_shows_the_error_page_without_the_exception()
    {
        using var client = await SignedInAsync();

        using var page = await client.GetAsync(new Uri("/Broken/Page", UriKind.Relative));

        Assert.Equal(HttpStatusCode.InternalServerError, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains("<h1>Något gick fel</h1>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_language_switch_on_the_error_page_shows_it_again_in_English_without_the_failed_address()
    {
        using var client = await SignedInAsync(new() { AllowAutoRedirect = false });
        using var page = await client.GetAsync(new Uri("/Broken/Page?view=all", UriKind.Relative));
        Assert.Equal(HttpStatusCode.InternalServerError, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());

        // The exception handler keeps the failed request's query on /Status/500; the switch does not.
        Assert.Equal("/Status/500", PageForms.LanguageSwitchReturnUrl(html));
        using var english = await PageForms.SwitchLanguageAsync(client, html);

        Assert.Equal(HttpStatusCode.InternalServerError, english.StatusCode);
        Assert.Contains("<h1>Something went wrong</h1>", WebUtility.HtmlDecode(await english.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_API_request_that_fails_gets_problem_details_without_the_exception()
    {
        using var client = await SignedInAsync();

        using var response = await client.GetAsync(new Uri("/api/broken", UriKind.Relative));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(500, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
        Assert.DoesNotContain(Secret, body, StringComparison.Ordinal);
    }

    /// <summary>The test hosts' own diagnostic (<see cref="UnhandledExceptionHeader"/>), not the service's: a test failing on a 500 names the exception.</summary>
    [Fact]
    public async Task A_test_host_names_the_exception_behind_a_500_for_the_failing_test()
    {
        using var client = await SignedInAsync();

        using var page = await client.GetAsync(new Uri("/Broken/Page", UriKind.Relative));
        using var api = await client.GetAsync(new Uri("/api/broken", UriKind.Relative));

        Assert.Contains(Secret, UnhandledExceptionHeader.Of(page), StringComparison.Ordinal);
        Assert.Contains(Secret, UnhandledExceptionHeader.Of(api), StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        await faulty.DisposeAsync();
        await host.DisposeAsync();
    }

    private async Task<HttpClient> SignedInAsync(WebApplicationFactoryClientOptions? options = null)
    {
        var client = faulty.CreateClient(options ?? new());
        using var signIn = await client.PostAsJsonAsync("/api/auth/signin", new { email = "school.staff@alvby.demo", password = "Demo-Samverkan-2026!" });
        Assert.Equal(HttpStatusCode.NoContent, signIn.StatusCode);
        return client;
    }

    /// <summary>Appended after the host's own pipeline, so it runs for a path no endpoint matched.</summary>
    private sealed class ThrowBehindThePipeline : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Run(context => context.Request.Path.StartsWithSegments("/Broken", StringComparison.Ordinal)
                || context.Request.Path.StartsWithSegments("/api/broken", StringComparison.Ordinal)
                ? throw new InvalidOperationException(Secret)
                : Task.CompletedTask);
        };
    }
}
