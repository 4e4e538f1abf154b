namespace CityBrain.Edge.Cli;

/// <summary>Users and groups as <c>/etc/passwd</c> and <c>/etc/group</c> under a root list them: the service's
/// accounts are local system accounts, and under a throwaway root these files are the image's, not the host's.</summary>
internal sealed class AccountDatabase(string root)
{
    public int? UserId(string name) => Id(Entries("etc/passwd"), name);

    public int? GroupId(string name) => Id(Entries("etc/group"), name);

    public bool GroupExists(string name) => GroupId(name) is not null;

    /// <summary>Whether <paramref name="user"/> is listed as a supplementary member of <paramref name="group"/>.</summary>
    public bool IsMember(string user, string group) => Entries("etc/group")
        .Any(f => f.Length >= 4 && f[0] == group && f[3].Split(',', StringSplitOptions.TrimEntries).Contains(user));

    private static int? Id(IEnumerable<string[]> entries, string name) => entries
        .Where(f => f.Length >= 3 && f[0] == name).Select(f => int.TryParse(f[2], out var id) ? id : (int?)null).FirstOrDefault();

    private IEnumerable<string[]> Entries(string file)
    {
        var path = Path.Combine(root, file);
        return File.Exists(path) ? File.ReadLines(path).Select(l => l.Split(':')) : [];
    }
}
