namespace CityBrain.Simulators.Geography;

/// <summary>Deterministic smooth noise: a sum of sine waves with seeded directions, periods and phases. Longer waves
/// get larger amplitudes, which is what makes coastlines and borders look natural (detail on every scale, the coarse
/// scale dominating).</summary>
internal sealed class SmoothNoise
{
    private readonly (double Fx, double Fy, double Phase, double Amplitude)[] _waves;

    public SmoothNoise(Random random, int waves, double shortestPeriod, double longestPeriod)
    {
        _waves = new (double, double, double, double)[waves];
        var total = 0.0;
        for (var i = 0; i < waves; i++)
        {
            var period = shortestPeriod * Math.Pow(longestPeriod / shortestPeriod, random.NextDouble());
            var angle = random.NextDouble() * Math.PI;
            var k = 2 * Math.PI / period;
            _waves[i] = (k * Math.Cos(angle), k * Math.Sin(angle), random.NextDouble() * 2 * Math.PI, period);
            total += period;
        }
        for (var i = 0; i < waves; i++) _waves[i].Amplitude /= total;
    }

    /// <summary>A value in about [-1, 1] (the amplitudes sum to 1), smooth at the shortest period.</summary>
    public double At(double x, double y)
    {
        var sum = 0.0;
        foreach (var (fx, fy, phase, amplitude) in _waves) sum += amplitude * Math.Sin(fx * x + fy * y + phase);
        return sum;
    }
}
