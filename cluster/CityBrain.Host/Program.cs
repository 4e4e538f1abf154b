using CityBrain.Grains.Regions;
using CityBrain.Host.Hosting;

try
{
    if (ProvisioningCommand.Matches(args)) return await ProvisioningCommand.RunAsync(args, Console.Out, Console.Error);
    if (ReplayCommand.Matches(args)) return await ReplayCommand.RunAsync(args, Console.Out, Console.Error);
    await CityBrainHost.Build(args).RunAsync();
}
catch (Exception ex) when (ex is CityFileException or DataDirectoryInUseException)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}
return 0;
