using CityBrain.Host.Api;
using CityBrain.Storage.Postgres;

namespace CityBrain.Host.Tests;

public class ClusterUnavailableHandlerTests
{
    [Fact]
    public void A_silo_out_of_reach_a_timeout_and_the_database_away_are_the_cluster_recovering_wherever_they_are_wrapped()
    {
        Assert.Contains("silo", ClusterUnavailableHandler.Reason(new SiloUnavailableException("the silo died")));
        Assert.Contains("in time", ClusterUnavailableHandler.Reason(new AggregateException(new TimeoutException())));
        Assert.Contains("database", ClusterUnavailableHandler.Reason(new PostgresUnavailableException("127.0.0.1:5432/citybrain", new IOException())));
    }

    [Fact]
    public void Any_other_failure_stays_a_server_error()
    {
        Assert.Null(ClusterUnavailableHandler.Reason(new InvalidOperationException("a bug")));
        Assert.Null(ClusterUnavailableHandler.Reason(new InvalidOperationException("a bug", new ArgumentException("inside"))));
    }
}
