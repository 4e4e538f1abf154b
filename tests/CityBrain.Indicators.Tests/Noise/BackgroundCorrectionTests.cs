using CityBrain.Indicators.Noise;

namespace CityBrain.Indicators.Tests.Noise;

public sealed class BackgroundCorrectionTests
{
    [Theory]
    [InlineData(68.0, 57.0, 11, 0, 68.0)]   // more than 10 dB above: the measured level stands (§5.1)
    [InlineData(68.4, 57.0, 11, 0, 68.4)]   // reported to 0.1 dB, uncorrected
    [InlineData(67.0, 57.0, 10, -1, 66.0)]  // 10 is still in Table 1's 6–10 row
    [InlineData(66.4, 57.0, 9, -1, 65.0)]   // 9.4 → 9; 65.4 → 65
    [InlineData(63.0, 57.0, 6, -1, 62.0)]
    [InlineData(62.0, 57.0, 5, -2, 60.0)]
    [InlineData(61.0, 57.0, 4, -2, 59.0)]
    [InlineData(60.0, 57.0, 3, -3, 57.0)]
    [InlineData(59.5, 57.0, 2, 0, null)]    // 2.5 rounds half to even to 2: measure again
    [InlineData(60.5, 57.0, 4, -2, 58.0)]   // 3.5 → 4; 58.5 → 58 (half to even)
    public void Table_1_of_hj_706_reads_the_rounded_difference(double measured, double background, int difference, int correction, double? level)
    {
        var result = BackgroundCorrection.Apply(measured, background);

        Assert.Equal(difference, result.Difference);
        Assert.Equal(correction, result.Correction);
        Assert.Equal(level, result.Level);
        Assert.Equal(difference switch { > 10 => BackgroundOutcome.NotNeeded, >= 3 => BackgroundOutcome.Corrected, _ => BackgroundOutcome.MeasureAgain },
            result.Outcome);
    }

    [Theory]
    [InlineData(55.0, 55.0)]
    [InlineData(50.0, 55.0)] // a background louder than the measurement: no result, never a negative source
    public void A_source_that_cannot_be_told_from_the_background_has_no_level(double measured, double background)
    {
        var result = BackgroundCorrection.Apply(measured, background);

        Assert.Equal(BackgroundOutcome.MeasureAgain, result.Outcome);
        Assert.Null(result.Level);
    }

    [Theory]
    [InlineData(67.0, 57.0)]
    [InlineData(63.0, 57.0)]
    [InlineData(61.0, 57.0)]
    [InlineData(60.0, 57.0)]
    public void The_table_stays_within_a_decibel_of_the_exact_energy_difference(double measured, double background)
    {
        var exact = Decibels.Difference(measured, background)!.Value;

        Assert.InRange(BackgroundCorrection.Apply(measured, background).Level!.Value - exact, -1.0, 1.0);
    }

    [Fact]
    public void Simultaneous_sources_add_as_energies()
    {
        Assert.Equal(71.2, Decibels.Round(Decibels.Sum([70, 65])!.Value));
        Assert.Equal(63.0, Decibels.Round(Decibels.Sum([60, 60])!.Value)); // doubling the energy adds 3 dB
        Assert.Equal(70.0, Decibels.Round(Decibels.Sum([70])!.Value));
        Assert.Null(Decibels.Sum([]));
    }

    [Fact]
    public void The_energy_difference_undoes_the_sum()
    {
        var total = Decibels.Sum([62.0, 55.0])!.Value;

        Assert.Equal(62.0, Decibels.Difference(total, 55.0)!.Value, 9);
        Assert.Null(Decibels.Difference(55.0, 55.0));
        Assert.Null(Decibels.Difference(50.0, 55.0));
    }
}
