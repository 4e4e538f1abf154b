namespace CityBrain.Host.Hosting;

/// <summary>Settings the host cannot start with; the message lists every problem, each naming its setting.</summary>
public sealed class HostConfigurationException(IEnumerable<string> problems)
    : Exception("The city brain cannot start with these settings:" + string.Concat(problems.Select(p => Environment.NewLine + "  - " + p)));
