namespace Coordination.Bench;

/// <summary><c>command --name value ...</c>, as bench/run.sh passes them.</summary>
public sealed class Arguments
{
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);

    public Arguments(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        Command = args.Length > 0 ? args[0] : "";
        for (var i = 1; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Expected --name value, got '{args[i]}'");
            }

            values[args[i][2..]] = args[++i];
        }
    }

    public string Command { get; }

    public string Required(string name) =>
        values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required for '{Command}'");

    public string? Optional(string name) => values.GetValueOrDefault(name);

    public int Count(string name, int fallback) =>
        values.TryGetValue(name, out var value) ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : fallback;

    public double Quantity(string name) => double.Parse(Required(name), System.Globalization.CultureInfo.InvariantCulture);
}
