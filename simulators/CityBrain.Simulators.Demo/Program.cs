using CityBrain.Host.Hosting;
using CityBrain.Simulators.Demo;

// The host's own verbs (credentials, replay) and errors behave exactly as with CityBrain.Host.
var tls = args.Contains(DevelopmentTls.Switch);
string[] hostArgs = [.. args.Where(a => a != DevelopmentTls.Switch)];
return await HostProgram.RunAsync(hostArgs, builder =>
{
    builder.UseDemoDefaults();
    if (tls) builder.UseDevelopmentTls();
    builder.AddSimulatedCity(hostArgs);
}, "./citybrain.sh run", [.. SimulatedCity.HelpSwitches, DevelopmentTls.HelpSwitch]);
