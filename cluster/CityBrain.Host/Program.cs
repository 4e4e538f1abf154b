using CityBrain.Grains.Regions;
using CityBrain.Host.Hosting;

try
{
    await CityBrainHost.Build(args).RunAsync();
}
catch (CityFileException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}
return 0;
