using Coordination.Workflows.Persistence;
using Npgsql;

namespace Coordination.Workflows.Tests.Persistence;

public sealed class PostgresConnectionDefaultsTests
{
    [Fact]
    public void A_connection_string_that_says_nothing_gets_no_reset_on_close_and_prepared_statements()
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresConnectionDefaults.Apply("Host=127.0.0.1;Port=5433;Username=coord;Password=secret;Database=coordination"));

        Assert.True(tuned.NoResetOnClose);
        Assert.Equal(PostgresConnectionDefaults.MaxAutoPrepare, tuned.MaxAutoPrepare);
        Assert.Equal("coordination", tuned.Database);
        Assert.Equal("secret", tuned.Password);
    }

    [Theory]
    [InlineData("Host=db;No Reset On Close=false;Max Auto Prepare=0")]
    [InlineData("Host=db;NoResetOnClose=false;maxautoprepare=0")]
    public void What_the_operator_wrote_wins_in_either_spelling(string connectionString)
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresConnectionDefaults.Apply(connectionString));

        Assert.False(tuned.NoResetOnClose);
        Assert.Equal(0, tuned.MaxAutoPrepare);
    }
}
