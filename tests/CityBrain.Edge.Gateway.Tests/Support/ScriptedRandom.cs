namespace CityBrain.Edge.Gateway.Tests.Support;

/// <summary>A random source whose draws a test decides: the fractions of the script in turn (repeating), and the lowest
/// value of every range, so that a shuffle leaves the order as it was given.</summary>
public sealed class ScriptedRandom(params double[] fractions) : Random
{
    private int _next;

    public override double NextDouble() => fractions[_next++ % fractions.Length];

    public override int Next(int minValue, int maxValue) => minValue;
}
