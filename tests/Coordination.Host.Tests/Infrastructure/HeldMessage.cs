using MassTransit;

namespace Coordination.Host.Tests.Infrastructure;

/// <summary>
/// Holds messages back from their consumers until released, as a busy bus or a host that is down
/// would: each message <paramref name="holds"/> picks waits at the start of its consume; the others
/// go on. Registered with <c>services.AddConsumeObserver(_ => held)</c>.
/// </summary>
internal sealed class HeldMessage(Func<object, bool> holds) : IConsumeObserver
{
    /// <summary>Set when the first held message reached its consumer.</summary>
    public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task PreConsume<T>(ConsumeContext<T> context)
        where T : class
    {
        if (holds(context.Message))
        {
            Reached.TrySetResult();
            await Release.Task;
        }
    }

    public Task PostConsume<T>(ConsumeContext<T> context)
        where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
        where T : class => Task.CompletedTask;
}
