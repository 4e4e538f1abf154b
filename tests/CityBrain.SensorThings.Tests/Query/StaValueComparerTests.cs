using System.Text.Json;
using CityBrain.SensorThings.Query;
using NetTopologySuite.Geometries;

namespace CityBrain.SensorThings.Tests.Query;

public sealed class StaValueComparerTests
{
    private static readonly DateTimeOffset T = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Nulls_come_first_then_kinds_in_a_fixed_order_and_values_within_a_kind()
    {
        var point = new Point(1, 2);
        var json = JsonDocument.Parse("""{"a":1}""").RootElement;
        object?[] expected =
        [
            null, false, true, -3L, 2.5, 3L, "B", "a", T, new TimeInterval(T, T.AddHours(1)), T.AddHours(1),
            TimeSpan.FromMinutes(1), point, json, Guid.Empty,
        ];
        var shuffled = expected.Reverse().ToList();
        shuffled.Sort(StaValueComparer.Instance);

        Assert.Equal(expected, shuffled);
    }

    [Fact]
    public void Equal_values_compare_equal_across_number_types_and_json()
    {
        var json = JsonDocument.Parse("""{"n":3,"s":"x"}""").RootElement;

        Assert.Equal(0, StaValueComparer.Instance.Compare(3L, 3.0));
        Assert.Equal(0, StaValueComparer.Instance.Compare(json.GetProperty("n"), 3L));
        Assert.Equal(0, StaValueComparer.Instance.Compare(json.GetProperty("s"), "x"));
        Assert.Equal(0, StaValueComparer.Instance.Compare(null, null));
    }

    [Fact]
    public void The_order_is_antisymmetric_over_mixed_values()
    {
        object?[] values = [null, true, 1L, 1.5, "x", T, new TimeInterval(T, T.AddHours(1)), TimeSpan.Zero, new Point(0, 0), 'c'];

        foreach (var a in values)
        {
            foreach (var b in values)
            {
                Assert.Equal(Math.Sign(StaValueComparer.Instance.Compare(a, b)), -Math.Sign(StaValueComparer.Instance.Compare(b, a)));
            }
        }
    }
}
