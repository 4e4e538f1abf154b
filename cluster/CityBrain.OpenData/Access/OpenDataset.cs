namespace CityBrain.OpenData.Access;

/// <summary>The kinds of data CityBrain shares, from the least to the most detailed. Which of them anyone may read
/// without a token is configuration (<c>OpenData:Access</c>); the rest needs a signed-in caller or an API token.</summary>
public enum OpenDataset
{
    /// <summary>District and city aggregates: hourly and daily means, AQI, noise levels, rates.</summary>
    Aggregates,

    /// <summary>Each device's hourly means.</summary>
    DeviceHourly,

    /// <summary>Each device's raw reports, as journalled.</summary>
    DeviceRaw,
}
