using CityBrain.Regions;
using CityBrain.Simulators.Geography;

// citybrain-geography <output-directory> [seed]: writes the demo province, then loads it the way the host will, so a
// generator change that breaks a rule of the region file fails here rather than at the host's start.
if (args.Length is 0 or > 2 || (args.Length == 2 && !int.TryParse(args[1], out _)))
{
    Console.Error.WriteLine("usage: citybrain-geography <output-directory> [seed]");
    return 2;
}
var seed = args.Length == 2 ? int.Parse(args[1]) : 17;
ProvinceFiles.Write(args[0], ProvinceGenerator.Generate(seed), seed);
try
{
    var loaded = RegionFile.Load(Path.Combine(args[0], ProvinceFiles.RegionFileName));
    foreach (var node in RegionTree.Walk(loaded.Tree.Root).Where(n => !n.IsLeaf))
    {
        Console.WriteLine($"{node.Id,-12} {node.Children.Count,3} children, map {loaded.Boundaries.MapOf(node.Id).Length / 1024.0,6:0.0} KB");
    }
    return 0;
}
catch (RegionFileException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 1;
}
