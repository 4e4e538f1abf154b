using CityBrain.SensorThings.Query;

namespace CityBrain.SensorThings.Tests.Query;

/// <summary>Mangled versions of valid queries: each is either read or refused with a sentence, never an exception,
/// and whatever is read evaluates without one.</summary>
public sealed class HostileInputTests
{
    private static readonly string[] Seeds =
    [
        "Datastream/ObservedProperty/name eq 'pm2_5' and result gt 3.5e1",
        "substring(tolower(name), 1, 2) eq 'ta' or not (length(properties/a) lt 4)",
        "phenomenonTime ge 2026-12-01T00:00:00+02:00 and phenomenonTime le 2026-12-01T00:00:00Z/2026-12-02T00:00:00Z",
        "st_within(location, geography'POLYGON((8 47, 9 47, 9 48, 8 48, 8 47))') and geo.distance(location, geography'POINT(8 47)') lt 1",
        "phenomenonTime gt now() sub duration'P1DT2H' and time(resultTime) lt 12:30:00",
        "-(-result mod 3) div (2 add 1) ne -4",
        "Datastreams($top=3;$filter=name eq 'a;b';$expand=Observations($orderby=result desc;$select=result)),Thing",
    ];

    private const string Alphabet = "()',;/$=-. 0123456789aeotZTPgnd'\"#%\\";

    [Fact]
    public void Mangled_queries_are_read_or_refused_without_an_exception()
    {
        var random = new Random(18);
        var entity = new FakeEntity(
            new Dictionary<string, object?> { ["name"] = "x", ["result"] = 1L, ["phenomenonTime"] = DateTimeOffset.UnixEpoch },
            new Dictionary<string, IStaEntity[]>());
        var refused = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var seed = random.Next(Seeds.Length);
            var text = Mangle(Seeds[seed], random);
            var option = seed == Seeds.Length - 1 ? "$expand" : "$filter";
            var read = QueryOptionsParser.TryParse([KeyValuePair.Create(option, (string?)text)], out var options, out var error);
            if (QueryOptionsParser.TryParseFilter(text, out var filter, out var filterError))
            {
                FilterEvaluator.Matches(filter, entity);
                FilterEvaluator.Evaluate(filter, entity);
                TimeBounds.Of(filter, "phenomenonTime");
                ExpressionPaths.Of(filter);
            }
            else
            {
                Assert.StartsWith("$filter is not valid", filterError);
            }

            refused += read ? 0 : 1;
            Assert.True(read ? options is not null : error.EndsWith('.'), error);
        }

        // Both outcomes occurred, so both paths were exercised.
        Assert.InRange(refused, 1_000, 19_000);
    }

    private static string Mangle(string seed, Random random)
    {
        var chars = seed.ToList();
        for (var edits = random.Next(1, 4); edits > 0; edits--)
        {
            var at = random.Next(chars.Count);
            switch (random.Next(3))
            {
                case 0:
                    chars.RemoveAt(at);
                    break;
                case 1:
                    chars.Insert(at, Alphabet[random.Next(Alphabet.Length)]);
                    break;
                default:
                    chars[at] = Alphabet[random.Next(Alphabet.Length)];
                    break;
            }
        }

        return new string([.. chars]);
    }
}
