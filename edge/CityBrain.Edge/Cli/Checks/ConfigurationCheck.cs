namespace CityBrain.Edge.Cli.Checks;

/// <summary>The configuration file parses, every key in it is a setting, every value has its type, and the whole is valid.</summary>
internal sealed class ConfigurationCheck : IGatewayCheck
{
    public const string Name = "configuration";

    public async IAsyncEnumerable<CheckResult> RunAsync(CheckContext context, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        var loaded = context.Configuration;
        if (loaded.Valid is { } options)
        {
            yield return CheckResult.Pass(Name, $"{Path.GetFullPath(context.ConfigurationPath)}: {options.DeviceId} in {options.District}, {Count(options.Sensors.Count, "sensor")}, " +
                $"{Count(options.Broker.Addresses().Count, "broker")}");
        }
        else
        {
            yield return CheckResult.Fail(Name, loaded.Problem!, "correct the file as the message says (or provision again), then run citybrain-edge check again");
        }
    }

    internal static string Count(int n, string what) => n == 1 ? $"1 {what}" : $"{n} {what}s";
}
