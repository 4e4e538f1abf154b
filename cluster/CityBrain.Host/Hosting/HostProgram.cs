using CityBrain.Grains.Regions;

namespace CityBrain.Host.Hosting;

/// <summary>What running the host does with its command line: a verb (<c>credentials</c>, <c>replay</c>) or the node
/// itself; a settings mistake ends with its message and exit code 2 instead of a stack trace. Secrets on the command line
/// are refused (<see cref="SecretSettings"/>).</summary>
public static class HostProgram
{
    public static async Task<int> RunAsync(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        try
        {
            if (SecretSettings.RefusalFor(args) is { } refusal)
            {
                await Console.Error.WriteLineAsync(refusal);
                return 2;
            }
            if (CredentialsCommand.Matches(args)) return await CredentialsCommand.RunAsync(args, Console.Out, Console.Error);
            if (ReplayCommand.Matches(args)) return await ReplayCommand.RunAsync(args, Console.Out, Console.Error);
            await CityBrainHost.Build(args, builder =>
            {
                SecretSettings.ReadFiles(builder.Configuration);
                configure?.Invoke(builder);
            }).RunAsync();
            return 0;
        }
        catch (Exception ex) when (ex is CityFileException or DataDirectoryInUseException or HostConfigurationException)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }
    }
}
