using Coordination.Host;
using Coordination.Host.Configuration;
using Coordination.Host.Persistence;
using Coordination.Host.Security.Audit;

var builder = WebApplication.CreateBuilder(args);
try
{
    builder.AddCoordinationHost();
}
catch (InvalidSettingException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 2;
}

var app = builder.Build().UseCoordinationHost();
if (args.Contains("migrate", StringComparer.Ordinal))
{
    return await app.MigrateAndExitAsync();
}

if (args.Contains(VerifyAuditCommand.Verb, StringComparer.Ordinal))
{
    return await app.VerifyAuditAndExitAsync();
}

if (TakenAddress.Find(app.Configuration) is { } taken)
{
    await Console.Error.WriteLineAsync(taken.Message);
    return 2;
}

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the integration tests' host factory.</summary>
public partial class Program;
