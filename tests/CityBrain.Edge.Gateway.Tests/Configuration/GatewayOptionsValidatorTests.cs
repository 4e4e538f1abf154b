using CityBrain.Edge.Configuration;

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
        Assert.Contains(problems, p => p.StartsWith("Gateway:Position 120, 10 is not a place on Earth", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Gateway:Sensors:0:Calibration:Quantity 'temprature' is not a quantity (pm1, pm2_5", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Gateway:Sensors:0:Limits: 'pm25' is not a quantity", StringComparison.Ordinal));
        Assert.Equal(8, problems.Count);
    }
}
