using CityBrain.Edge.Sensors.Bme280;

namespace CityBrain.Edge.Sensors.Tests.Bme280;

public class Bme280CalibrationTests
{
    /// <summary>The BMP280 datasheet's example (BST-BMP280-DS001-11).</summary>
    private static readonly Bme280Calibration Example = new(27504, 26435, -1000, 36477, -10685, 3024, 2855, 140, -7, 15500, -14600, 6000);

    private const int ExampleAdcT = 519888, ExampleAdcP = 415148;

    [Fact]
    public void The_datasheet_example_gives_its_published_temperature_and_pressure()
    {
        var tFine = Example.FineTemperature(ExampleAdcT);
        var pressure = Example.Pressure(ExampleAdcP, tFine);

        // An arithmetic shift, not C's truncating division: the latter gives 128423.
        Assert.Equal(128422, tFine);
        Assert.Equal(2508, Bme280Calibration.Temperature(tFine));
        Assert.Equal(25767233L, pressure);
        // Published: 25.08 °C and 100653.27 Pa; the integer formulas land 0.016 Pa below the latter.
        Assert.Equal(25.08, Bme280Calibration.Temperature(tFine) / 100.0, 2);
        Assert.Equal(100653.27, pressure!.Value / 256.0, 0.02);
    }

    [Fact]
    public void Calibration_words_are_little_endian_and_round_trip_through_the_registers()
    {
        var calibration = Example with { H1 = 75, H2 = 362, H3 = 0, H4 = 313, H5 = 50, H6 = 30 };
        var tp = new byte[Bme280Calibration.TemperaturePressureLength];
        var h = new byte[Bme280Calibration.HumidityLength];
        calibration.WriteTo(tp, h);

        Assert.Equal([0x70, 0x6B], tp[..2]); // dig_T1 = 27504 = 0x6B70
        Assert.Equal(calibration, Bme280Calibration.Parse(tp, h));
    }

    [Fact]
    public void Dig_H4_and_dig_H5_are_signed_12_bit_values()
    {
        var tp = new byte[Bme280Calibration.TemperaturePressureLength];
        // E4 = 0xF0, E5 = 0x35, E6 = 0xFE: H4 = (s8)0xF0·16 | 0x5 = −251, H5 = (s8)0xFE·16 | 0x3 = −29.
        byte[] h = [0x6A, 0x01, 0x00, 0xF0, 0x35, 0xFE, 0x1E];

        var calibration = Bme280Calibration.Parse(tp, h);

        Assert.Equal(-251, calibration.H4);
        Assert.Equal(-29, calibration.H5);
        Assert.Equal(362, calibration.H2);
        Assert.Equal(30, calibration.H6);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(0xFFFF)]
    public void Humidity_is_held_to_0_100_percent(int adcH)
    {
        var calibration = Example with { H1 = 75, H2 = 362, H3 = 0, H4 = 313, H5 = 50, H6 = 30 };
        var humidity = calibration.Humidity(adcH, 128422);
        Assert.InRange(humidity, 0, 100 * 1024);
    }

    [Fact]
    public void A_calibration_without_dig_P1_gives_no_pressure_instead_of_dividing_by_zero() =>
        Assert.Null((Example with { P1 = 0 }).Pressure(ExampleAdcP, 128422));

    [Theory]
    [InlineData(Bme280Oversampling.X1, Bme280Oversampling.X1, Bme280Oversampling.X1, 9.3)]
    [InlineData(Bme280Oversampling.X16, Bme280Oversampling.X16, Bme280Oversampling.X16, 112.8)]
    [InlineData(Bme280Oversampling.X1, Bme280Oversampling.X1, Bme280Oversampling.Skipped, 6.425)]
    public void The_maximum_measurement_time_follows_the_datasheet(Bme280Oversampling t, Bme280Oversampling p, Bme280Oversampling h, double milliseconds) =>
        Assert.Equal(milliseconds, Bme280Registers.MaxMeasurementTime(t, p, h).TotalMilliseconds, 3);
}
