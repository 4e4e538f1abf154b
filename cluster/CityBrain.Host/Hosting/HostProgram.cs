using System.Net.Sockets;
using CityBrain.Grains.Regions;

namespace CityBrain.Host.Hosting;

/// <summary>What running the host does with its command line: help, version, a verb (<c>credentials</c>, <c>replay</c>)
/// or the node itself; a settings mistake ends with its message and exit code 2 instead of a stack trace. Secrets on the
/// command line are refused (<see cref="SecretSettings"/>).</summary>
public static class HostProgram
{
    /// <param name="program">The name the help shows.</param>
    /// <param name="extraSwitches">Switches of a program that adds to the host (the demo's <c>--simulate</c>).</param>
    public static async Task<int> RunAsync(string[] args, Action<WebApplicationBuilder>? configure = null,
        string program = "CityBrain.Host", IReadOnlyList<CommandLineSwitch>? extraSwitches = null)
    {
        try
        {
            if (CommandLine.AsksForVersion(args))
            {
                await Console.Out.WriteLineAsync($"{program} {CommandLine.Version}");
                return 0;
            }
            if (SecretSettings.RefusalFor(args) is { } refusal)
            {
                await Console.Error.WriteLineAsync(refusal);
                return 2;
            }
            if (CredentialsCommand.Matches(args)) return await CredentialsCommand.RunAsync(args, Console.Out, Console.Error);
            if (ReplayCommand.Matches(args)) return await ReplayCommand.RunAsync(args, Console.Out, Console.Error);
            if (CommandLine.AsksForHelp(args))
            {
                await Console.Out.WriteLineAsync(CommandLine.Help(program, extraSwitches ?? []));
                return 0;
            }
            await CityBrainHost.Build(args, builder =>
            {
                SecretSettings.ReadFiles(builder.Configuration);
                configure?.Invoke(builder);
            }).RunAsync();
            return 0;
        }
        catch (Exception ex) when (ex is CityBrain.Regions.RegionFileException or DataDirectoryInUseException or HostConfigurationException)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }
        catch (Exception ex) when (AddressInUse(ex) is { } inUse)
        {
            // The ports are checked before the start; this is another process taking one in the moment between.
            await Console.Error.WriteLineAsync($"A port of this host was taken by another process while it started ({inUse.Message}): " +
                "start it again, or move the port with --http-port, --mqtt-port, --silo-port, --gateway-port, Tls:HttpsPort or Tls:MqttsPort.");
            return 2;
        }
    }

    private static Exception? AddressInUse(Exception? ex) => ex switch
    {
        null => null,
        SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } => ex,
        Microsoft.AspNetCore.Connections.AddressInUseException => ex,
        AggregateException aggregate => aggregate.InnerExceptions.Select(AddressInUse).FirstOrDefault(e => e is not null),
        _ => AddressInUse(ex.InnerException),
    };
}
