using CityBrain.Host.Hosting;

return await HostProgram.RunAsync(args);
