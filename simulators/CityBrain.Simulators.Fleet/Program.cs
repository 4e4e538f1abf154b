using CityBrain.Simulators.Fleet.Cli;

return await FleetCommandLine.InvokeAsync(args);
