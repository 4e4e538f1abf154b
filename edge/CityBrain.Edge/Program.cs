using CityBrain.Edge.Cli;

return await EdgeCommandLine.InvokeAsync(args);
