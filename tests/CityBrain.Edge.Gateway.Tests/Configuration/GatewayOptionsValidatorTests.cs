using CityBrain.Edge.Configuration;
using CityBrain.Edge.Link;

namespace CityBrain.Edge.Gateway.Tests.Configuration;

public class GatewayOptionsValidatorTests
{
    private static GatewayOptions Valid() => new()
    {
        DeviceId = "gw-0001",
        District = "haidian",
        Sensors = [new SensorOptions { Type = "sht4x", Calibration = new CalibrationOptions { Quantity = "temperature", Offset = -0.2 } }],
    };

    [Fact]
    public void A_provisioned_gateway_is_valid() => Assert.Empty(GatewayOptionsValidator.Problems(Valid()));

    [Fact]
    public void Each_mistake_gets_a_sentence_naming_the_setting_and_what_is_allowed()
    {
        var options = Valid();
        options.DeviceId = "GW 1";
        options.District = "";
        options.ReportInterval = TimeSpan.FromMilliseconds(1500);
        options.Broker.Port = 70000;
        options.Outbox.DiskBudgetBytes = 1000;
        options.Position = new PositionOptions { Latitude = 120, Longitude = 10 };
        options.Sensors[0].Calibration!.Quantity = "temprature";
        options.Sensors[0].Limits["pm25"] = new LimitOptions();

        var problems = GatewayOptionsValidator.Problems(options).ToList();

        Assert.Contains("Gateway:DeviceId 'GW 1' is not valid: use 1-64 lower-case letters, digits, '-' or '_', starting with a letter or digit", problems);
        Assert.Contains(problems, p => p.StartsWith("Gateway:District is not set: provision the gateway", StringComparison.Ordinal));
        Assert.Contains("Gateway:ReportInterval 00:00:01.5000000 must be whole seconds between 00:00:01 and 01:00:00 (the cluster takes report windows of at most an hour)", problems);
        Assert.Contains("Gateway:Broker:Port 70000 is not a TCP port (1-65535; MQTT is usually 1883)", problems);
        Assert.Contains(problems, p => p.StartsWith("Gateway:Outbox:DiskBudgetBytes is 1000; it must be at least", StringComparison.Ordinal));
        Assert.Contains("Gateway:Site and Gateway:Position: site latitude 120 is not on Earth: -90..90; latitude and longitude look swapped", problems);
        Assert.Contains(problems, p => p.StartsWith("Gateway:Sensors:0:Calibration:Quantity 'temprature' is not a quantity (pm1, pm2_5", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Gateway:Sensors:0:Limits: 'pm25' is not a quantity", StringComparison.Ordinal));
        Assert.Equal(8, problems.Count);
    }

    [Fact]
    public void Every_bad_broker_endpoint_is_named_by_its_place_in_the_list()
    {
        var options = Valid();
        options.Broker.Endpoints = ["node-a:1883", "node-b", "node-c:18830x", "mqtt://node-d:1883", "node-a:1883"];

        var problems = GatewayOptionsValidator.Problems(options).ToList();

        Assert.Equal(
        [
            "Gateway:Broker:Endpoints:1 'node-b' is not a broker's host:port: the port is missing (host:port, e.g. 10.0.0.5:1883)",
            "Gateway:Broker:Endpoints:2 'node-c:18830x' is not a broker's host:port: port '18830x' is not a TCP port (1-65535; MQTT is usually 1883)",
            "Gateway:Broker:Endpoints:3 'mqtt://node-d:1883' is not a broker's host:port: give host:port without a scheme such as mqtt://",
            "Gateway:Broker:Endpoints lists node-a:1883 2 times: list each broker once",
        ], problems);
    }

    [Fact]
    public void Endpoints_and_a_host_together_are_a_mistake_not_a_silent_choice()
    {
        var options = Valid();
        options.Broker.Host = "10.0.0.5";
        options.Broker.Endpoints = ["node-a:1883", "node-b:1883"];

        Assert.Equal(
            "Gateway:Broker:Endpoints and Gateway:Broker:Host/Port are both set: list every broker in Endpoints (host:port each) and leave Host and Port out",
            Assert.Single(GatewayOptionsValidator.Problems(options)));
    }

    [Fact]
    public void A_single_host_and_port_is_a_list_of_one_broker_and_endpoints_are_kept_in_their_order()
    {
        var single = Valid();
        single.Broker.Host = "10.0.0.5";
        single.Broker.Port = 11883;
        var several = Valid();
        several.Broker.Endpoints = ["node-b:1883", "[fd00::5]:1884", "node-a:1883"];

        Assert.Equal([new BrokerAddress("10.0.0.5", 11883)], single.Link().Brokers);
        Assert.Equal([new BrokerAddress("127.0.0.1", 1883)], Valid().Link().Brokers);
        Assert.Equal([new BrokerAddress("node-b", 1883), new BrokerAddress("fd00::5", 1884), new BrokerAddress("node-a", 1883)], several.Link().Brokers);
        Assert.Empty(GatewayOptionsValidator.Problems(several));
    }
}
