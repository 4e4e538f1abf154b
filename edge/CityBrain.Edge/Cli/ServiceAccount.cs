using System.Runtime.InteropServices;

namespace CityBrain.Edge.Cli;

/// <summary>The account the service runs as (User= and Group= of deploy/citybrain-edge.service), and giving a file to
/// its group.</summary>
internal static partial class ServiceAccount
{
    public const string User = "citybrain";
    public const string Group = "citybrain";

    /// <summary>The group's id from <c>/etc/group</c> under <paramref name="root"/>, or null when it does not exist.</summary>
    public static int? GroupId(string root = "/")
    {
        var file = Path.Combine(root, "etc/group");
        if (!File.Exists(file)) return null;
        return File.ReadLines(file).Select(l => l.Split(':')).Where(f => f.Length >= 3 && f[0] == Group)
            .Select(f => int.TryParse(f[2], out var id) ? id : (int?)null).FirstOrDefault();
    }

    /// <summary>Sets the owner (-1 keeps it) and group of <paramref name="path"/>; false when not permitted.</summary>
    public static bool TryChown(string path, int owner, int group) => Chown(path, owner, group) == 0;

    [LibraryImport("libc", EntryPoint = "chown", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Chown(string path, int owner, int group);
}
