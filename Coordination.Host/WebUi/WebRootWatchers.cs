using Microsoft.Extensions.FileProviders;

namespace Coordination.Host.WebUi;

/// <summary>
/// The web root's file provider starts a file watcher (an inotify instance on Linux) the first
/// time a page versions a static file (<c>asp-append-version</c>), and the host never releases
/// it. A host that stops releases it here, so that hosts started and stopped in one process (the
/// tests start hundreds) do not use up the user's inotify instances (128 by default), after
/// which every page needing a new watcher failed with 500.
/// </summary>
internal static class WebRootWatchers
{
    public static WebApplication ReleaseWebRootWatchersOnStop(this WebApplication app)
    {
        app.Lifetime.ApplicationStopped.Register(() => Release(app.Environment.WebRootFileProvider));
        return app;
    }

    private static void Release(IFileProvider? provider)
    {
        switch (provider)
        {
            case CompositeFileProvider composite:
                foreach (var inner in composite.FileProviders)
                {
                    Release(inner);
                }

                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }
}
