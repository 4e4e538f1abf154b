using CityBrain.Edge.Link;

namespace CityBrain.Edge.Gateway.Tests.Link;

public sealed class BrokerAddressTests
{
    [Theory]
    [InlineData("10.0.0.5:1883", null, "10.0.0.5", 1883)]
    [InlineData(" node-a.cluster:11883 ", null, "node-a.cluster", 11883)]
    [InlineData("[fd00::5]:1884", null, "fd00::5", 1884)]
    [InlineData("node-a", 1883, "node-a", 1883)]
    [InlineData("[fd00::5]", 1883, "fd00::5", 1883)]
    public void Reads_host_and_port(string text, int? defaultPort, string host, int port)
    {
        Assert.True(BrokerAddress.TryParse(text, defaultPort, out var address, out var problem), problem);
        Assert.Equal(new BrokerAddress(host, port), address);
    }

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData("node-a", "the port is missing (host:port, e.g. 10.0.0.5:1883)")]
    [InlineData("node-a:0", "port '0' is not a TCP port (1-65535; MQTT is usually 1883)")]
    [InlineData("node-a:65536", "port '65536' is not a TCP port (1-65535; MQTT is usually 1883)")]
    [InlineData(":1883", "'' is not a host name or address")]
    [InlineData("node a:1883", "'node a' is not a host name or address")]
    [InlineData("fd00::5:1883", "an IPv6 address goes in brackets, e.g. [fd00::5]:1883")]
    [InlineData("[fd00::5]1883", "an IPv6 address goes in brackets followed by :port, e.g. [fd00::5]:1883")]
    [InlineData("tcp://node-a:1883", "give host:port without a scheme such as mqtt://")]
    public void Says_what_is_wrong_with_anything_else(string text, string expected)
    {
        Assert.False(BrokerAddress.TryParse(text, null, out var address, out var problem));
        Assert.Null(address);
        Assert.Equal(expected, problem);
    }

    [Fact]
    public void Writes_itself_back_as_it_is_read()
    {
        Assert.Equal("node-a:1883", new BrokerAddress("node-a", 1883).ToString());
        Assert.Equal("[fd00::5]:1884", new BrokerAddress("fd00::5", 1884).ToString());
    }
}
