using CityBrain.Grains.Regions;

namespace CityBrain.Host.Hosting;

/// <summary>What running the host does with its command line: a verb (<c>credentials</c>, <c>replay</c>) or the node
/// itself; a settings mistake ends with its message and exit code 2 instead of a stack trace.</summary>
public static class HostProgram
{
    public static async Task<int> RunAsync(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        try
        {
            if (ProvisioningCommand.Matches(args)) return await ProvisioningCommand.RunAsync(args, Console.Out, Console.Error);
            if (ReplayCommand.Matches(args)) return await ReplayCommand.RunAsync(args, Console.Out, Console.Error);
            await CityBrainHost.Build(args, configure).RunAsync();
            return 0;
        }
        catch (Exception ex) when (ex is CityFileException or DataDirectoryInUseException or HostConfigurationException)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }
    }
}
