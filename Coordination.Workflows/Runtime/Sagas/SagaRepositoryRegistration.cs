using Coordination.Workflows.Persistence;
using MassTransit;
using MassTransit.Configuration;
using MassTransit.Saga;

namespace Coordination.Workflows.Runtime.Sagas;

/// <summary>Puts a saga state machine's instances in the service's database.</summary>
public static class SagaRepositoryRegistration
{
    /// <summary>
    /// Uses <see cref="CoordinationSagaRepository{TSaga}"/> for this saga, including
    /// <see cref="ILoadSagaRepository{TSaga}"/> and <see cref="IQuerySagaRepository{TSaga}"/>.
    /// </summary>
    /// <example><c>bus.AddSagaStateMachine&lt;ConcernStateMachine, ConcernState&gt;().UseCoordinationRepository();</c></example>
    public static ISagaRegistrationConfigurator<TSaga> UseCoordinationRepository<TSaga>(this ISagaRegistrationConfigurator<TSaga> saga)
        where TSaga : class, SagaStateMachineInstance, ISagaVersion
    {
        ArgumentNullException.ThrowIfNull(saga);
        return saga.Repository(r =>
        {
            r.RegisterLoadSagaRepository<TSaga, CoordinationSagaRepository<TSaga>>();
            r.RegisterQuerySagaRepository<TSaga, CoordinationSagaRepository<TSaga>>();
            r.RegisterSagaRepository<TSaga, CoordinationDbContext, SagaConsumeContextFactory<CoordinationDbContext, TSaga>, CoordinationSagaRepository<TSaga>>();
        });
    }
}
