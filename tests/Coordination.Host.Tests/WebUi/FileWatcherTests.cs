using System.Net;
using Coordination.Host.Tests.Infrastructure;

namespace Coordination.Host.Tests.WebUi;

/// <summary>
/// Counts this process's inotify instances, so it runs alone: a host started beside it would
/// count too.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialFileWatcherTests
{
    public const string Name = "File watchers (serial)";
}

[Collection(SerialFileWatcherTests.Name)]
public sealed class FileWatcherTests
{
    /// <summary>
    /// CI once failed with pages answering 500 ("the configured user limit (128) on the number of
    /// inotify instances has been reached"): each host that showed a page kept its web root's
    /// file watcher after it stopped, and the test process starts hundreds.
    /// </summary>
    [Fact]
    public async Task A_host_that_showed_a_page_releases_its_file_watchers_when_it_stops()
    {
        var before = InotifyInstances();
        for (var i = 0; i < 3; i++)
        {
            await using var host = EmbeddedHostFactory.OnSqliteAndInMemory(EmbeddedHostFactory.DefaultStart);
            using var client = host.CreateClient();
            using var page = await client.GetAsync(new Uri("/Account/SignIn", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("site.css?v=", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.True(InotifyInstances() <= before, $"The process holds {InotifyInstances()} inotify instances after three hosts stopped; it held {before} before.");
    }

    private static int InotifyInstances() => new DirectoryInfo("/proc/self/fd").GetFileSystemInfos()
        .Count(fd => fd.LinkTarget?.Contains("inotify", StringComparison.Ordinal) == true);
}
