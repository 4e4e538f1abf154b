using CityBrain.SensorThings.Data;
using CityBrain.SensorThings.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace CityBrain.SensorThings;

/// <summary>Registers the SensorThings API (read side, OGC 18-088) under <see cref="StaEndpoints.Root"/>.</summary>
public static class SensorThingsSetup
{
    public static WebApplicationBuilder AddSensorThings(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SensorThingsOptions>().BindConfiguration(SensorThingsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<RegionDataLoader>();
        builder.Services.AddSingleton<StaGraphs>();
        builder.Services.AddSingleton<ObservationReader>();
        builder.Services.AddSingleton<StaRefusals>();
        return builder;
    }

    public static WebApplication MapSensorThings(this WebApplication app)
    {
        StaEndpoints.Map(app);
        return app;
    }
}
