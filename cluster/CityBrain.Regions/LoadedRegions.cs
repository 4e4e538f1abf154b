namespace CityBrain.Regions;

/// <summary>What a region file yields: the tree the cluster aggregates along, and the shapes the page draws.</summary>
public sealed record LoadedRegions(RegionTree Tree, RegionBoundaries Boundaries);
