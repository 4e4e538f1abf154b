using CityBrain.Bulletins.Model;
using CityBrain.Grains.Regions;
using CityBrain.Supervision.Desk;
using CityBrain.Supervision.Options;
using Microsoft.Extensions.Options;

namespace CityBrain.Host.Supervision;

public static class SupervisionHosting
{
    /// <summary>Closed-loop supervision: the options (section <c>Supervision</c>, checked against the region tree at
    /// start), the desk the supervision grain runs, the clock that has it review the alerts, the
    /// notifications of its steps (recipients checked against <c>Notifications:Recipients</c>), and the bulletins' counts of
    /// cases.</summary>
    public static WebApplicationBuilder AddSupervision(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SupervisionOptions>().BindConfiguration(SupervisionOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SupervisionOptions>>(sp => new SupervisionOptionsValidator(sp.GetRequiredService<RegionCatalog>().Tree));
        builder.Services.AddSingleton<IValidateOptions<SupervisionOptions>, SupervisionRecipientsValidator>();
        builder.Services.AddOptions<CaseLinkOptions>().BindConfiguration(SupervisionOptions.Section)
            .Validate(CaseLinkOptions.IsValid, $"{SupervisionOptions.Section}:CockpitUrl must be an absolute http or https address").ValidateOnStart();
        builder.Services.AddSingleton(sp => new SupervisionDirectory(sp.GetRequiredService<IOptions<SupervisionOptions>>(), sp.GetRequiredService<RegionCatalog>().Tree));
        builder.Services.AddTransient<CaseDesk>();
        builder.Services.AddSingleton<CaseMapping>();
        builder.Services.AddSingleton<IBulletinCaseSource, CaseCounts>();
        builder.Services.AddSingleton<ICaseObserver, CaseNotifier>();
        builder.Services.AddHostedService<SupervisionClock>();
        return builder;
    }
}
