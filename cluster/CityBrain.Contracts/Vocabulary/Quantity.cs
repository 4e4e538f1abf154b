namespace CityBrain.Contracts.Vocabulary;

/// <summary>The closed set of quantities a gateway may report. Edge, simulators and cluster all use this one list.</summary>
public enum Quantity
{
    Pm1,
    Pm2_5,
    Pm10,
    No2,
    So2,
    O3,
    Co,
    Co2,
    Temperature,
    Humidity,
    Pressure,
    Noise,
    Illuminance,
    Pm4,
    Nc0_5,
    Nc1,
    Nc2_5,
    Nc4,
    Nc10,
    VocIndex,
    NoxIndex,
    VocRaw,
    NoxRaw,
}
