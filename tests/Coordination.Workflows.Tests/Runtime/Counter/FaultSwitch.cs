namespace Coordination.Workflows.Tests.Runtime.Counter;

/// <summary>Makes the counter fail after it has published, until a test turns the fault off.</summary>
public sealed class FaultSwitch
{
    private volatile bool on;
    private int thrown;

    /// <summary>How many times the fault has been thrown.</summary>
    public int Thrown => Volatile.Read(ref thrown);

    public void TurnOn() => on = true;

    public void TurnOff() => on = false;

    public void ThrowIfOn()
    {
        if (on)
        {
            Interlocked.Increment(ref thrown);
            throw new InvalidOperationException("Simulated fault after publishing.");
        }
    }
}
