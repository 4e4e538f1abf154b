using CityBrain.Bulletins.Composition;
using CityBrain.Bulletins.Model;
using CityBrain.Grains.Regions;
using CityBrain.Indicators.History;
using Microsoft.Extensions.Options;

namespace CityBrain.Host.Bulletins;

public static class BulletinHosting
{
    /// <summary>The composer, the morning generator and their options. The archive is a store, registered with the
    /// others; the case source is the supervision code's, and without one the cases section says "not available".</summary>
    public static WebApplicationBuilder AddBulletins(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<BulletinOptions>().BindConfiguration(BulletinOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<BulletinOptions>, BulletinOptionsValidator>();
        builder.Services.AddSingleton(sp => new BulletinComposer(
            sp.GetRequiredService<IHistoryStore>(),
            sp.GetRequiredService<RegionCatalog>().Tree,
            sp.GetService<IBulletinCaseSource>(),
            sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddHostedService<BulletinGenerator>();
        return builder;
    }
}
