using System.Security.Claims;
using CityBrain.OpenData.Access;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CityBrain.OpenData.Tests.Access;

/// <summary>The access decision as the host registers it, from configuration to answer.</summary>
public class OpenDataAccessTests
{
    private static readonly ClaimsPrincipal Anonymous = new(new ClaimsIdentity());

    private static readonly ClaimsPrincipal Viewer = new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, "transport-bureau"), new Claim(ClaimTypes.Role, "viewer")], "Bearer"));

    // Authenticated by some scheme but given no role: the host never signs one in, and it must not read.
    private static readonly ClaimsPrincipal RoleLess = new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "nobody")], "Bearer"));

    [Fact]
    public void By_default_anyone_reads_the_aggregates_and_only_a_signed_in_caller_reads_devices()
    {
        var access = Access();

        Assert.True(access.MayRead(Anonymous, OpenDataset.Aggregates));
        Assert.False(access.MayRead(Anonymous, OpenDataset.DeviceHourly));
        Assert.False(access.MayRead(Anonymous, OpenDataset.DeviceRaw));
        Assert.False(access.MayRead(RoleLess, OpenDataset.DeviceRaw));
        Assert.All(Enum.GetValues<OpenDataset>(), dataset => Assert.True(access.MayRead(Viewer, dataset)));
    }

    [Fact]
    public void A_configured_list_replaces_the_default_and_names_are_read_in_any_case()
    {
        var access = Access(("OpenData:Access:Public:0", "devicehourly"));

        Assert.False(access.MayRead(Anonymous, OpenDataset.Aggregates));
        Assert.True(access.MayRead(Anonymous, OpenDataset.DeviceHourly));
        Assert.False(access.MayRead(Anonymous, OpenDataset.DeviceRaw));
    }

    [Fact]
    public void Anonymous_viewing_makes_every_dataset_public_whatever_the_list_says()
    {
        var access = Access(("Auth:AnonymousViewing", "true"), ("OpenData:Access:Public:0", "Aggregates"));

        Assert.All(Enum.GetValues<OpenDataset>(), dataset => Assert.True(access.MayRead(Anonymous, dataset)));
    }

    [Fact]
    public void The_refusal_names_the_dataset_what_would_let_the_caller_read_it_and_what_is_public()
    {
        var refusal = Access().Refusal(OpenDataset.DeviceRaw);

        Assert.Contains("DeviceRaw", refusal);
        Assert.Contains("API token", refusal);
        Assert.Contains("Aggregates", refusal);
    }

    [Fact]
    public void A_wrong_dataset_name_stops_the_start_with_a_sentence_naming_it()
    {
        using var services = Services(("OpenData:Access:Public:0", "Aggregates"), ("OpenData:Access:Public:1", "RawEverything"));

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOpenDataAccess>());

        Assert.Contains("'RawEverything'", error.Message);
        Assert.Contains("OpenData:Access:Public", error.Message);
        Assert.Contains("DeviceHourly", error.Message);
    }

    private static IOpenDataAccess Access(params (string Key, string Value)[] settings) =>
        Services(settings).GetRequiredService<IOpenDataAccess>();

    private static ServiceProvider Services(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        return new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddOpenDataAccess().BuildServiceProvider();
    }
}
