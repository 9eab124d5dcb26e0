namespace Coordination.Workflows.Runtime;

/// <summary>Settings of the durable runtime, from the <c>Runtime</c> configuration section.</summary>
public sealed class RuntimeOptions
{
    public const string Section = "Runtime";

    /// <summary>
    /// How long a consumed message's id stays in the inbox (and a delivered outbox row is kept).
    /// A message redelivered after this window is processed again, so it must exceed the longest
    /// redelivery and retry delay.
    /// </summary>
    public TimeSpan InboxRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often expired inbox entries and delivered outbox rows are removed.</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the relay looks for rows other hosts committed (its own commits wake it at once).</summary>
    public TimeSpan RelayPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many rows the relay delivers per database round trip.</summary>
    public int RelayBatchSize { get; set; } = 100;

    /// <summary>
    /// How many workflow instances' messages the relay sends at once. Each instance's messages go
    /// one after another, in order; on RabbitMQ each send waits for the broker's confirm, so
    /// sending several instances' at once is what lets the relay keep up.
    /// </summary>
    public int RelayConcurrency { get; set; } = 32;

    /// <summary>
    /// How long the relay waits for one send (on RabbitMQ, for the broker's confirm). A confirm
    /// lost when the connection dropped would otherwise hold the relay for ever; after this the
    /// row counts as not delivered and is sent again (consumers' inboxes drop the duplicate).
    /// </summary>
    public TimeSpan RelaySendTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the relay lease lasts without renewal; another host takes over after it.</summary>
    public TimeSpan RelayLeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries of a message that lost a concurrent update; each sees the fresh saga row.</summary>
    public int ConcurrencyRetryLimit { get; set; } = 30;

    /// <summary>Retries of a message whose consumer failed, before it faults to the error queue.</summary>
    public int FaultRetryLimit { get; set; } = 3;

    /// <summary>The delay before each of those retries.</summary>
    public TimeSpan FaultRetryInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Retries of a timer request (SQLite: setting or cancelling a Quartz job) before it becomes an
    /// incident, with pauses from 50 ms growing to 30 s: the default rides out about two minutes.
    /// </summary>
    public int TimerRequestRetryLimit { get; set; } = 10;

    /// <summary>
    /// When the host stops: how long a message being consumed, or waiting for a retry, may go on
    /// before it is cancelled and left for the next start (requeued on RabbitMQ, replayed from
    /// the outbox on the in-memory transport). Without it a stopping host spent the message's
    /// retries and sent it to the error queue, with no incident once the host was gone.
    /// </summary>
    public TimeSpan ConsumerStopTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a receive endpoint may stay unconnected before it is restarted (checked every
    /// quarter of it). MassTransit 8.4.0 leaves an endpoint whose reconnect was cancelled stopped
    /// for good (<see cref="ReceiveEndpointWatchdog"/>).
    /// </summary>
    public TimeSpan EndpointRestartAfter { get; set; } = TimeSpan.FromMinutes(2);
}
