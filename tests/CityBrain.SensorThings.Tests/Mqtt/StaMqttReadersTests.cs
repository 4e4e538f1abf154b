using System.Security.Claims;
using CityBrain.OpenData.Access;
using CityBrain.SensorThings.Mqtt;
using CityBrain.Storage.Accounts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CityBrain.SensorThings.Tests.Mqtt;

/// <summary>Who may read over MQTT without a token, as configuration decides, with the host's real access decision.</summary>
public class StaMqttReadersTests
{
    private const string RawTopic = "v1.1/Datastreams('device:dev-1:pm2_5')/Observations";

    [Fact]
    public async Task Without_a_token_nobody_reads_unless_raw_device_data_is_public()
    {
        var closed = Readers();
        var open = Readers(("OpenData:Access:Public:0", "DeviceRaw"));

        Assert.False(closed.IsReaderLogin(null));
        Assert.Null(await closed.AuthenticateAsync(null, null, default));
        Assert.Contains("DeviceRaw", closed.SubscribeRefusal(new ClaimsPrincipal(new ClaimsIdentity()), RawTopic));
        Assert.True(open.IsReaderLogin(""));
        var anonymous = await open.AuthenticateAsync(null, null, default);
        Assert.NotNull(anonymous);
        Assert.Null(open.SubscribeRefusal(anonymous, RawTopic));
    }

    private static StaMqttReaders Readers(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddOpenDataAccess().BuildServiceProvider();
        var tokens = new SqliteApiTokenStore(Path.Combine(Directory.CreateTempSubdirectory("citybrain-tokens-").FullName, "tokens.db"));
        return new StaMqttReaders(tokens, services.GetRequiredService<IOpenDataAccess>(), TimeProvider.System);
    }
}
