using CityBrain.Host.Hosting;
using CityBrain.Simulators.Demo;

// The host's own verbs (credentials, replay) and errors behave exactly as with CityBrain.Host.
return await HostProgram.RunAsync(args, builder => builder.AddSimulatedCity(args));
