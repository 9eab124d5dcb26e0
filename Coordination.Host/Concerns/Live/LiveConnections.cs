using System.Collections.Concurrent;
using System.Data.Common;
using System.Security.Claims;
using Coordination.Workflows.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coordination.Host.Concerns.Live;

/// <summary>
/// The live inbox connections open on this instance, with the security stamp each was opened
/// under. A connection joins its agencies' groups once, when it opens, so a membership removed
/// later would go on hearing of the agency's new tasks for as long as the page stays open.
/// Every <see cref="RecheckInterval"/> the stamps are read again, in one query, and a connection
/// whose user's stamp changed (a membership, password or second factor changed, see
/// <see cref="Identity.MembershipAdministration"/>) or whose user is gone is closed. The page then
/// reconnects with its cookie, which <see cref="Identity.SecurityStampCheck"/> refuses.
/// </summary>
internal sealed partial class LiveConnections(
    IServiceScopeFactory scopes,
    IOptions<IdentityOptions> identity,
    TimeProvider clock,
    ILogger<LiveConnections> logger) : BackgroundService
{
    /// <summary>How long a connection may outlive a change of its user's memberships, at most.</summary>
    public static readonly TimeSpan RecheckInterval = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, Connection> open = new(StringComparer.Ordinal);

    /// <summary>The connections open now, for tests and diagnostics.</summary>
    public int Count => open.Count;

    /// <summary>Keeps <paramref name="context"/> to be checked; false for a user without an id or stamp, who must not stay connected.</summary>
    public bool Add(HubCallerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.User;
        if (!Guid.TryParse(user?.FindFirstValue(identity.Value.ClaimsIdentity.UserIdClaimType), out var userId)
            || user.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType) is not { Length: > 0 } stamp)
        {
            return false;
        }

        open[context.ConnectionId] = new Connection(userId, stamp, context);
        return true;
    }

    public void Remove(string connectionId) => open.TryRemove(connectionId, out _);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(RecheckInterval, clock, stoppingToken);
                await RecheckAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is DbException or InvalidOperationException or TimeoutException)
            {
                // The next round tries again; until then the connections stay as they were.
                LogRecheckFailed(logger, e);
            }
        }
    }

    /// <summary>Closes every connection whose user's stamp is no longer the one it opened with.</summary>
    internal async Task RecheckAsync(CancellationToken cancellationToken)
    {
        var connections = open.Values.ToList();
        if (connections.Count == 0)
        {
            return;
        }

        var userIds = connections.Select(c => c.UserId).Distinct().ToList();
        Dictionary<Guid, string?> stamps;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CoordinationDbContext>();
            stamps = await db.Users.AsNoTracking()
                .Where(u => userIds.Contains(u.Id))
                .Select(u => new { u.Id, u.SecurityStamp })
                .ToDictionaryAsync(u => u.Id, u => u.SecurityStamp, cancellationToken);
        }

        foreach (var connection in connections)
        {
            if (!stamps.TryGetValue(connection.UserId, out var stamp) || !string.Equals(stamp, connection.Stamp, StringComparison.Ordinal))
            {
                LogClosed(logger, connection.Context.ConnectionId, connection.UserId);
                Remove(connection.Context.ConnectionId);
                connection.Context.Abort();
            }
        }
    }

    private sealed record Connection(Guid UserId, string Stamp, HubCallerContext Context);

    [LoggerMessage(Level = LogLevel.Information, Message = "Closed live inbox connection {ConnectionId}: user {UserId}'s memberships or credentials changed")]
    private static partial void LogClosed(ILogger logger, string connectionId, Guid userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not recheck the live inbox connections; trying again at the next round")]
    private static partial void LogRecheckFailed(ILogger logger, Exception exception);
}
