namespace CityBrain.Storage.Accounts;

/// <summary>How the stores keep a list of district ids in one column: ids are <c>a-z 0-9 - _</c>, so a comma separates them.</summary>
public static class DistrictList
{
    public static string Join(IReadOnlyList<string> districts) => string.Join(',', districts);

    public static IReadOnlyList<string> Split(string stored) => stored.Length == 0 ? [] : stored.Split(',');
}
