using System.Text.Json;
using Coordination.Bench;
using Coordination.Bench.Measuring;
using Coordination.Bench.References;
using Coordination.Bench.Reporting;
using Coordination.Bench.Backends;

// Run through bench/run.sh, which starts the servers, makes the scratch database and virtual
// host, runs each stack in a process of its own and writes the report.
var arguments = new Arguments(args);
var json = new JsonSerializerOptions { WriteIndented = true };
switch (arguments.Command)
{
    case "stack":
        var workflows = arguments.Count("workflows", 200);
        await using (var stack = arguments.Required("stack") switch
        {
            "sqlite" => await SqliteInMemoryBackend.CreateAsync(),
            "postgres" => await PostgresRabbitMqBackend.CreateAsync(arguments.Required("postgres"), new Uri(arguments.Required("rabbitmq"))),
            var other => throw new ArgumentException($"Unknown stack '{other}' (sqlite or postgres)"),
        })
        {
            var result = await StackBenchmark.RunAsync(stack, workflows, arguments.Count("in-flight", 32));
            await File.WriteAllTextAsync(arguments.Required("out"), JsonSerializer.Serialize(result, json));
        }

        break;

    case "ceiling":
        // Production's transport; the backend makes its scratch database too, which the pass never touches.
        await using (var stack = await PostgresRabbitMqBackend.CreateAsync(arguments.Required("postgres"), new Uri(arguments.Required("rabbitmq"))))
        {
            var ceiling = await BusCeiling.RunAsync(stack, arguments.Count("workflows", 200), arguments.Count("in-flight", 32));
            await File.WriteAllTextAsync(arguments.Required("out"), JsonSerializer.Serialize(ceiling, json));
        }

        break;

    case "rabbitmq":
        var raw = await RabbitMqReference.RunAsync(new Uri(arguments.Required("rabbitmq")), arguments.Count("messages", 5000));
        Console.WriteLine($"[bench] RabbitMQ raw: {raw.Messages} persistent messages, confirmed and consumed in {raw.Seconds:F2} s = {raw.MessagesPerSecond:F0} msg/s");
        await File.WriteAllTextAsync(arguments.Required("out"), JsonSerializer.Serialize(raw, json));
        break;

    case "roundtrips":
        // Not part of bench/run.sh: ADR 0014's figures on what a round trip costs, made one way or another.
        var trips = await RoundTripCost.RunAsync(arguments.Required("postgres"), arguments.Count("per-worker", 1500));
        await File.WriteAllTextAsync(arguments.Required("out"), JsonSerializer.Serialize(trips, json));
        break;

    case "report":
        var report = new Report(
            Read<StackResult>(arguments.Required("sqlite")),
            Read<StackResult>(arguments.Required("postgres")),
            Read<RabbitMqResult>(arguments.Required("rabbitmq")),
            Read<PassResult>(arguments.Required("ceiling")),
            arguments.Quantity("pgbench-tps"),
            arguments.Required("command"),
            DateTimeOffset.UtcNow);
        await File.WriteAllTextAsync(arguments.Required("out"), report.Markdown());
        Console.WriteLine(report.Summary());
        break;

    default:
        Console.Error.WriteLine("Usage: Coordination.Bench stack|ceiling|rabbitmq|roundtrips|report --name value ... (run bench/run.sh instead)");
        return 2;
}

return 0;

static T Read<T>(string path) => JsonSerializer.Deserialize<T>(File.ReadAllText(path)) ?? throw new InvalidDataException(path);
