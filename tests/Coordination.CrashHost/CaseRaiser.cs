using Coordination.SyntheticCases;
using Coordination.Workflows.Persistence;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Coordination.CrashHost;

/// <summary>Raises cases the way an HTTP request does: published through the outbox, committed with SaveChanges.</summary>
internal static class CaseRaiser
{
    public static async Task RaiseAsync(IServiceProvider services, int count)
    {
        await using var scope = services.CreateAsyncScope();
        var publish = scope.ServiceProvider.GetRequiredService<IPublishEndpoint>();
        var db = scope.ServiceProvider.GetRequiredService<CoordinationDbContext>();
        for (var i = 0; i < count; i++)
        {
            await publish.Publish(new OpenCase(NewId.NextGuid(), [NewId.NextGuid(), NewId.NextGuid(), NewId.NextGuid()]));
        }

        await db.SaveChangesAsync();
    }
}
